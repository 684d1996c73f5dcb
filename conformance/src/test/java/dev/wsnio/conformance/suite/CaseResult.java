package dev.wsnio.conformance.suite;

import dev.wsnio.testkit.wire.Side;

/**
 * The result of one case on one side.
 *
 * @param testCase the case
 * @param side the side it ran on
 * @param outcome pass or fail
 * @param detail why it failed, or ""
 * @param millis how long it took
 */
public record CaseResult(ConformanceCase testCase, Side side, Outcome outcome, String detail, long millis) {

    /** The key of this result, as in the expected-results file. */
    public String key() {
        return testCase.key(side);
    }

    /** The line of this result in the expected-results file. */
    public String line() {
        return key() + " " + outcome;
    }
}
