package dev.wsnio.conformance.suite;

import dev.wsnio.conformance.testee.Testee;
import java.util.concurrent.TimeUnit;

/**
 * Runs one case against one testee and turns whatever happens into a {@link CaseResult}. After
 * the script, the testee must release every connection (a case that passes its script but
 * leaks a connection fails).
 */
public final class CaseRunner {

    private CaseRunner() {
    }

    /**
     * Runs a case.
     *
     * @param testCase the case
     * @param testee the endpoint under test; the case must apply to its side
     * @return the result
     */
    public static CaseResult run(ConformanceCase testCase, Testee testee) {
        long start = System.nanoTime();
        String failure = null;
        try {
            testCase.script(testee).run(testee);
        } catch (Exception | AssertionError e) {
            failure = describe(e);
        }
        try {
            testee.awaitAllReleased();
        } catch (AssertionError leak) {
            failure = (failure == null ? "" : failure + "; ") + leak.getMessage();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new CaseResult(testCase, testee.side(), failure == null ? Outcome.PASS : Outcome.FAIL,
                failure == null ? "" : failure, millis);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof AssertionError && message != null) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
