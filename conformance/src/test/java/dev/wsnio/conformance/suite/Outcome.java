package dev.wsnio.conformance.suite;

/** How a case ended. There is no lenient middle ground: a case passes strictly or fails. */
public enum Outcome {
    /** Every expectation held. */
    PASS,
    /** An expectation did not hold, or the endpoint kept a connection it should have released. */
    FAIL
}
