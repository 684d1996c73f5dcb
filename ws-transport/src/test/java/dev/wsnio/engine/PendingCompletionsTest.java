package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring of completions a write queue keeps: told in order, as their bytes are written. */
class PendingCompletionsTest {

    /** Records what it was told, as "written n" or "failed n". */
    private static WriteCompletion recording(List<String> told, int n) {
        return new WriteCompletion() {
            @Override
            public void written() {
                told.add("written " + n);
            }

            @Override
            public void failed(Throwable cause) {
                told.add("failed " + n);
            }
        };
    }

    @Test
    void tellsEachCompletionOnceItsLastByteIsWrittenInOrderAcrossGrowthAndWrapping() {
        PendingCompletions pending = new PendingCompletions();
        List<String> told = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int added = 0;
        long enqueued = 0;
        for (int round = 0; round < 50; round++) {
            int batch = 1 + round % 7; // grows the ring, then wraps around it
            for (int i = 0; i < batch; i++) {
                enqueued += 10;
                pending.add(enqueued, recording(told, added++));
            }
            pending.completeUpTo(enqueued - 5); // all but the last: its bytes are not all out
            for (int n = expected.size(); n < added - 1; n++) {
                expected.add("written " + n);
            }
            assertEquals(expected, told, "round " + round);
        }
        pending.completeUpTo(enqueued);
        expected.add("written " + (added - 1));
        assertEquals(expected, told);
        assertTrue(pending.isEmpty());
    }

    @Test
    void failsEveryWaitingCompletionInOrder() {
        PendingCompletions pending = new PendingCompletions();
        List<String> told = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            pending.add(100L * (n + 1), recording(told, n));
        }
        pending.completeUpTo(250);
        pending.failAll(new ClosedChannelException());
        assertEquals(List.of("written 0", "written 1", "failed 2", "failed 3", "failed 4"), told);
        assertTrue(pending.isEmpty());
    }
}
