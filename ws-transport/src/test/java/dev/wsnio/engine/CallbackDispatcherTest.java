package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Callbacks run inline or on an executor, one at a time and in order; a failing callback is
 * reported and does not stop the next; reading pauses above the limit and resumes at half.
 * With a hand-cranked executor, so that every step is visible.
 */
class CallbackDispatcherTest {

    private final List<String> events = new ArrayList<>();

    /** Records what the dispatcher asks of its connection. */
    private final CallbackDispatcher.Owner owner = new CallbackDispatcher.Owner() {
        @Override
        public void pauseReading() {
            events.add("pause");
        }

        @Override
        public void resumeReading() {
            events.add("resume");
        }

        @Override
        public void callbackFailed(Throwable failure) {
            events.add("failed: " + failure.getMessage());
        }
    };

    /** An executor that runs its tasks only when the test says so. */
    private static final class HandCranked implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private Runnable record(String name) {
        return () -> events.add(name);
    }

    @Test
    void inlineCallbacksRunAtOnceAndAFailureIsReportedWithoutStoppingTheNext() {
        CallbackDispatcher.runInline(record("open"), owner);
        CallbackDispatcher.runInline(() -> {
            throw new IllegalStateException("listener bug");
        }, owner);
        CallbackDispatcher.runInline(record("close"), owner);
        assertEquals(List.of("open", "failed: listener bug", "close"), events);
    }

    @Test
    void anErrorFromACallbackIsReportedToTheOwnerWhoDecides() {
        CallbackDispatcher.runInline(() -> {
            throw new OutOfMemoryError("injected");
        }, owner);
        assertEquals(List.of("failed: injected"), events);
    }

    @Test
    void executorCallbacksRunLaterInOrderFromOneTaskAtATime() {
        HandCranked executor = new HandCranked();
        CallbackDispatcher dispatcher = new CallbackDispatcher(executor, 1_000, owner);
        dispatcher.dispatch(record("a"), 1);
        dispatcher.dispatch(record("b"), 1);
        dispatcher.dispatch(record("c"), 1);
        assertEquals(List.of(), events, "nothing runs on the loop");
        assertEquals(1, executor.tasks.size(), "one drain task, so callbacks never overlap");
        executor.runAll();
        assertEquals(List.of("a", "b", "c"), events);
        dispatcher.dispatch(record("d"), 1);
        assertEquals(1, executor.tasks.size(), "the next drain starts once the last one ended");
        executor.runAll();
        assertEquals(List.of("a", "b", "c", "d"), events);
    }

    @Test
    void readingPausesAboveTheLimitAndResumesOnceTheApplicationCaughtUpToHalf() {
        HandCranked executor = new HandCranked();
        CallbackDispatcher dispatcher = new CallbackDispatcher(executor, 100, owner);
        for (int i = 1; i <= 5; i++) {
            dispatcher.dispatch(record("message " + i), 40);
        }
        assertEquals(List.of("pause"), events, "paused once, when the third message took it past 100");
        executor.runAll();
        assertEquals(List.of("pause", "message 1", "message 2", "message 3", "resume", "message 4", "message 5"),
                events, "resumed once 40 bytes (at most half) were left");
    }

    @Test
    void aFailingCallbackOnTheExecutorIsReportedAndTheOthersStillRun() {
        HandCranked executor = new HandCranked();
        CallbackDispatcher dispatcher = new CallbackDispatcher(executor, 1_000, owner);
        dispatcher.dispatch(() -> {
            throw new IllegalArgumentException("bad message");
        }, 1);
        dispatcher.dispatch(record("close"), 0);
        executor.runAll();
        assertEquals(List.of("failed: bad message", "close"), events);
    }

    @Test
    void anExecutorThatRefusesWorkDoesNotLoseCallbacks() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        CallbackDispatcher dispatcher = new CallbackDispatcher(refusing, 1_000, owner);
        dispatcher.dispatch(record("close"), 0);
        assertEquals(List.of("close"), events, "run on the caller's thread instead");
    }
}
