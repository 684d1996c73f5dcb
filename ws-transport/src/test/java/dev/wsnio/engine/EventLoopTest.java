package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's tasks, timers and wake-ups, without a socket. */
class EventLoopTest {

    private final EventLoop loop = new EventLoop("event-loop-test");
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        loop.shutdown().get(10, TimeUnit.SECONDS);
    }

    @Test
    void tasksRunOnTheLoopThreadInTheOrderSubmitted() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int index = i;
            loop.execute(() -> ran.add(loop.inEventLoop() ? "task " + index : "wrong thread"));
        }
        loop.execute(done::countDown);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals("task " + i, ran.get(i));
        }
        assertTrue(!loop.inEventLoop(), "the test thread is not the loop");
    }

    @Test
    void aTaskFromAnotherThreadWakesALoopThatSleepsUntilAFarTimer() throws Exception {
        CountDownLatch armed = new CountDownLatch(1);
        loop.execute(() -> {
            loop.schedule(TimeUnit.HOURS.toNanos(1), () -> ran.add("an hour later"));
            armed.countDown();
        });
        assertTrue(armed.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> woken = new CompletableFuture<>();
        loop.execute(() -> woken.complete(loop.inEventLoop()));
        assertTrue(woken.get(10, TimeUnit.SECONDS), "ran long before the timer: the selector was woken");
    }

    @Test
    void timersRunInDeadlineOrderAndCancelledOnesNever() throws Exception {
        CountDownLatch last = new CountDownLatch(1);
        loop.execute(() -> {
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(30), () -> ran.add("30 ms"));
            Timer cancelled = loop.schedule(TimeUnit.MILLISECONDS.toNanos(10), () -> ran.add("cancelled"));
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> ran.add("20 ms"));
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(1), () -> ran.add("1 ms"));
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(40), last::countDown);
            cancelled.cancel();
        });
        assertTrue(last.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("1 ms", "20 ms", "30 ms"), ran);
        assertEquals(0, (int) LoopbackPeer.onLoop(loop, loop::activeTimers));
    }

    @Test
    void aFailingTaskIsLoggedAndTheLoopGoesOn() throws Exception {
        loop.execute(() -> {
            throw new IllegalStateException("a bug in one task");
        });
        CompletableFuture<String> next = new CompletableFuture<>();
        loop.execute(() -> next.complete("still running"));
        assertEquals("still running", next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void afterShutdownTheThreadHasEndedAndNewTasksAreRefused() throws Exception {
        CountDownLatch queuedFirst = new CountDownLatch(1);
        loop.execute(queuedFirst::countDown);
        loop.shutdown().get(10, TimeUnit.SECONDS);
        assertTrue(queuedFirst.await(0, TimeUnit.SECONDS), "tasks queued before shutdown still ran");
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> ran.add("too late")));
    }
}
