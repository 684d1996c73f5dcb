package dev.wsnio.conformance.suite;

import dev.wsnio.conformance.testee.Testee;

/** What a case does with the endpoint under test; it passes when it returns. */
@FunctionalInterface
public interface Script {

    /**
     * Runs the case.
     *
     * @param testee the endpoint under test
     * @throws Exception when the case fails (an {@link AssertionError} says how)
     */
    void run(Testee testee) throws Exception;
}
