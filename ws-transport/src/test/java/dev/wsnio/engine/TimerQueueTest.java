package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timers run in deadline order, cancelled ones never, and a failing one does not stop others. */
class TimerQueueTest {

    private final TimerQueue timers = new TimerQueue();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsDueTimersInDeadlineOrderAndSkipsCancelledOnes() {
        timers.schedule(300, () -> ran.add("c"));
        timers.schedule(100, () -> ran.add("a"));
        Timer cancelled = timers.schedule(200, () -> ran.add("cancelled"));
        timers.schedule(100, () -> ran.add("a2"));
        cancelled.cancel();
        timers.runExpired(250, e -> ran.add("failure"));
        assertEquals(List.of("a", "a2"), ran);
        assertEquals(1, timers.activeCount());
        timers.runExpired(300, e -> ran.add("failure"));
        assertEquals(List.of("a", "a2", "c"), ran);
        assertEquals(0, timers.activeCount());
    }

    @Test
    void tellsHowLongTheLoopMaySleep() {
        assertEquals(-1, timers.millisUntilNext(0));
        timers.schedule(5_500_000, () -> { });
        assertEquals(6, timers.millisUntilNext(0), "rounded up");
        assertEquals(0, timers.millisUntilNext(6_000_000));
    }

    @Test
    void aFailingTimerDoesNotStopTheOthers() {
        timers.schedule(1, () -> {
            throw new IllegalStateException("boom");
        });
        timers.schedule(2, () -> ran.add("next"));
        timers.runExpired(10, e -> ran.add("failure " + e.getMessage()));
        assertEquals(List.of("failure boom", "next"), ran);
    }
}
