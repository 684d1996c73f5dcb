package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final EventLoop loop = new EventLoop("event-loop-test", failures::add);
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

    /** A handler that records what the loop's stop does to its connection. */
    private final class Watching implements ChannelHandler {
        @Override
        public void onData(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onEndOfStream(Connection connection) {
            connection.abort(null);
        }

        @Override
        public void onLoopFailure(Connection connection, Throwable cause) {
            ran.add("told of " + cause.getMessage());
            connection.write(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII)), null);
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            ran.add("closed by " + (cause == null ? "nothing" : cause.getMessage()));
        }
    }

    @Test
    void anErrorInATaskStopsTheLoopTellsItsOwnerAndClosesItsConnectionsSayingWhy() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Watching())) {
            loop.execute(() -> {
                throw new OutOfMemoryError("injected");
            });
            assertEquals("bye", new String(peer.readExactly(3), StandardCharsets.US_ASCII),
                    "what the handler queued when told went out before the close");
            assertEquals(-1, peer.in().read());
            loop.shutdown().get(10, TimeUnit.SECONDS); // it has ended by itself
        }
        assertEquals(1, failures.size());
        assertEquals("injected", failures.get(0).getMessage());
        assertEquals(List.of("told of injected", "closed by injected"), ran);
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    }

    @Test
    void anErrorInATimerStopsTheLoopToo() throws Exception {
        loop.execute(() -> loop.schedule(TimeUnit.MILLISECONDS.toNanos(1), () -> {
            throw new StackOverflowError("timer");
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (failures.isEmpty()) {
            assertTrue(System.nanoTime() - deadline < 0, "the loop never reported the failure");
            Thread.sleep(2);
        }
        assertEquals("timer", failures.get(0).getMessage());
        assertThrows(RejectedExecutionException.class, () -> {
            loop.shutdown().get(10, TimeUnit.SECONDS);
            loop.execute(() -> { });
        });
    }

    @Test
    void aGroupStopsEveryLoopWhenOneFailsAndTellsItsOwnerOnce() throws Exception {
        List<Throwable> owner = new CopyOnWriteArrayList<>();
        EventLoopGroup group = new EventLoopGroup(2, "group-test", owner::add);
        try (LoopbackPeer onTheOther = LoopbackPeer.open(group.get(1), new Watching())) {
            group.get(0).execute(() -> {
                throw new OutOfMemoryError("loop 1 broke");
            });
            assertEquals("bye", new String(onTheOther.readExactly(3), StandardCharsets.US_ASCII));
            assertEquals(-1, onTheOther.in().read(), "the other loop's connection is closed too");
            group.shutdown().get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, owner.size());
        assertEquals("loop 1 broke", owner.get(0).getMessage());
        assertEquals(List.of("told of loop 1 broke", "closed by loop 1 broke"), ran,
                "the other loop's connection was told the same cause");
    }

    @Test
    void whenTwoLoopsFailAtOnceTheOwnerIsToldOnce() throws Exception {
        List<Throwable> owner = new CopyOnWriteArrayList<>();
        EventLoopGroup group = new EventLoopGroup(2, "group-twice-test", owner::add);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        for (int i = 0; i < 2; i++) {
            String name = "loop " + (i + 1) + " broke";
            group.get(i).execute(() -> {
                try {
                    together.await(10, TimeUnit.SECONDS); // both fail on their own thread, neither stopped by the other
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                throw new OutOfMemoryError(name);
            });
        }
        group.shutdown().get(10, TimeUnit.SECONDS);
        assertEquals(1, owner.size(), "told once: " + owner);
    }

    @Test
    void aGroupHasAtLeastOneLoop() {
        assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0, "none", failure -> { }));
    }

    @Test
    void timersAreTheLoopThreadsOnly() {
        EventLoop loop = new EventLoop("timer-owner-test", failure -> { });
        try {
            assertThrows(AssertionError.class, () -> loop.schedule(1, () -> { }),
                    "another thread's timer would race the loop's queue (tests run with assertions on)");
        } finally {
            loop.shutdown().join();
        }
    }
}
