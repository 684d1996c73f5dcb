package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wsnio.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records the state changes of a {@link ReconnectingWebSocket} for a test to wait on (a test may extend it to act on one). */
class StateRecorder implements ReconnectListener {

    /** One state change. */
    record Change(String what, int attempt, Duration delay, Disconnection why) {
        @Override
        public String toString() {
            return what + (attempt >= 0 ? " #" + attempt : "") + (delay != null ? " in " + delay.toMillis() + " ms" : "")
                    + (why != null ? " (" + why.closeCode() + ", " + why.error() + ")" : "");
        }
    }

    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    final List<Change> all = new CopyOnWriteArrayList<>();

    private void add(Change change) {
        all.add(change);
        changes.add(change);
    }

    /** Waits (up to 10 s) for the next change of this kind, skipping others. */
    Change await(String what) throws InterruptedException {
        while (true) {
            Change change = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(change, "no '" + what + "' within 10 s; saw " + all);
            if (change.what().equals(what)) {
                return change;
            }
        }
    }

    /** The next change within the time, or null. */
    Change poll(long millis) throws InterruptedException {
        return changes.poll(millis, TimeUnit.MILLISECONDS);
    }

    long count(String what) {
        return all.stream().filter(change -> change.what().equals(what)).count();
    }

    @Override
    public void onConnecting(int attempt) {
        add(new Change("connecting", attempt, null, null));
    }

    @Override
    public void onOpen(WebSocket socket) {
        add(new Change("open", -1, null, null));
    }

    @Override
    public void onDisconnected(Disconnection why) {
        add(new Change("disconnected", -1, null, why));
    }

    @Override
    public void onReconnectScheduled(int attempt, Duration delay) {
        add(new Change("scheduled", attempt, delay, null));
    }

    @Override
    public void onGaveUp(Disconnection last) {
        add(new Change("gave up", -1, null, last));
    }

    @Override
    public void onClosed() {
        add(new Change("closed", -1, null, null));
    }
}
