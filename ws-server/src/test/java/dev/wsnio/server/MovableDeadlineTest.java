package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.engine.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deadline that moves: it expires once, at the last time it was set to, and never when cleared. */
class MovableDeadlineTest {

    private static final long MILLI = 1_000_000;

    private final EventLoop loop = new EventLoop("movable-deadline-test", failure -> { });

    @AfterEach
    void stop() throws Exception {
        loop.shutdown().get(5, TimeUnit.SECONDS);
    }

    @Test
    void movedLaterManyTimesItExpiresOnceAndNotBeforeItsLastTime() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        AtomicLong expiredAt = new AtomicLong();
        AtomicLong lastDeadline = new AtomicLong();
        CountDownLatch expired = new CountDownLatch(1);
        loop.execute(() -> {
            MovableDeadline deadline = new MovableDeadline(loop, () -> {
                expiredAt.set(System.nanoTime());
                expiries.incrementAndGet();
                expired.countDown();
            });
            for (int i = 0; i < 1_000; i++) {
                deadline.in(20 * MILLI + i * 50_000L); // later each time, up to 70 ms
            }
            lastDeadline.set(System.nanoTime() + 70 * MILLI - 50_000L);
        });
        assertTrue(expired.await(10, TimeUnit.SECONDS));
        assertTrue(expiredAt.get() - (lastDeadline.get() - 5 * MILLI) >= 0, "expired before its last deadline");
        CountDownLatch later = new CountDownLatch(1);
        loop.execute(() -> loop.schedule(100 * MILLI, later::countDown));
        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertEquals(1, expiries.get());
    }

    @Test
    void movedEarlierItExpiresAtTheEarlierTime() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        AtomicLong expiredAt = new AtomicLong();
        AtomicLong setAt = new AtomicLong();
        loop.execute(() -> {
            MovableDeadline deadline = new MovableDeadline(loop, () -> {
                expiredAt.set(System.nanoTime());
                expired.countDown();
            });
            deadline.in(TimeUnit.SECONDS.toNanos(60));
            setAt.set(System.nanoTime());
            deadline.in(10 * MILLI);
        });
        assertTrue(expired.await(10, TimeUnit.SECONDS), "the earlier deadline did not replace the later one");
        assertTrue(expiredAt.get() - setAt.get() >= 9 * MILLI);
    }

    @Test
    void clearedItNeverExpiresAndCancelledItHoldsNoTimer() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        CountDownLatch checked = new CountDownLatch(1);
        AtomicInteger timersAfterCancel = new AtomicInteger(-1);
        loop.execute(() -> {
            MovableDeadline cleared = new MovableDeadline(loop, expiries::incrementAndGet);
            cleared.in(10 * MILLI);
            cleared.clear();
            MovableDeadline cancelled = new MovableDeadline(loop, expiries::incrementAndGet);
            cancelled.in(10 * MILLI);
            cancelled.cancel();
            loop.schedule(100 * MILLI, () -> {
                timersAfterCancel.set(loop.activeTimers());
                checked.countDown();
            });
        });
        assertTrue(checked.await(10, TimeUnit.SECONDS));
        assertEquals(0, expiries.get());
        assertEquals(0, timersAfterCancel.get(), "no timer of the deadlines is left");
    }
}
