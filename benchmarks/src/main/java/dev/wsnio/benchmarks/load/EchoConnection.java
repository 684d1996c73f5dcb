package dev.wsnio.benchmarks.load;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of the echo load: keeps {@code inFlight} messages outstanding, checks every
 * echo byte for byte against the message it answers (echoes come back in order), and sends the
 * next message as each echo arrives, until the run drains.
 */
final class EchoConnection implements WebSocketListener {

    private final int id;
    private final EchoMessages messages;
    private final boolean binary;
    private final EchoRun run;
    /** Send times of the outstanding messages, indexed by sequence modulo their number. */
    private final long[] sentAt;

    private WebSocket socket;
    private long nextToSend;
    private long nextExpected;
    private boolean closed;

    /**
     * Creates the connection's state.
     *
     * @param id its number, written into its messages
     * @param messages the message maker
     * @param binary whether it sends binary messages (else text)
     * @param inFlight how many messages it keeps outstanding
     * @param run the shared state of the run
     */
    EchoConnection(int id, EchoMessages messages, boolean binary, int inFlight, EchoRun run) {
        this.id = id;
        this.messages = messages;
        this.binary = binary;
        this.run = run;
        this.sentAt = new long[inFlight];
    }

    /**
     * Starts the traffic as soon as the connection is open: sends the first {@code inFlight}
     * messages. This runs on the connection's event loop, like every later send, so that all
     * sends of a connection come from one thread.
     *
     * @param connected the open connection
     */
    @Override
    public synchronized void onOpen(WebSocket connected) {
        socket = connected;
        for (int i = 0; i < sentAt.length; i++) {
            sendNext();
        }
    }

    /** Messages sent whose echo has not arrived. */
    synchronized long outstanding() {
        return closed ? 0 : nextToSend - nextExpected;
    }

    @Override
    public synchronized void onBinary(WebSocket from, ByteBuffer data) {
        long now = System.nanoTime();
        if (!messages.matches(data, id, nextExpected)) {
            run.countMismatch(describe(messages.describe(data)));
        }
        received(now);
    }

    @Override
    public synchronized void onText(WebSocket from, String text) {
        long now = System.nanoTime();
        if (!messages.matches(text, id, nextExpected)) {
            run.countMismatch(describe(messages.describe(text)));
        }
        received(now);
    }

    private void received(long now) {
        if (nextExpected >= nextToSend) {
            run.countMismatch(describe("an echo of nothing sent")); // more echoes than messages
            return;
        }
        long latency = now - sentAt[(int) (nextExpected % sentAt.length)];
        nextExpected++;
        EchoRun.Phase phase = run.phase();
        if (phase == EchoRun.Phase.MEASURE) {
            run.countEcho(messages.size(), latency);
        }
        if (phase != EchoRun.Phase.DRAIN) {
            sendNext();
        }
    }

    private String describe(String received) {
        return "connection " + id + " expected message " + nextExpected + " (" + nextToSend + " sent): " + received;
    }

    private void sendNext() {
        long sequence = nextToSend++;
        sentAt[(int) (sequence % sentAt.length)] = System.nanoTime();
        CompletableFuture<Void> sent = binary
                ? socket.sendBinary(messages.binary(id, sequence))
                : socket.sendText(messages.text(id, sequence));
        if (!sent.isDone()) {
            sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    run.sendFailures.increment();
                }
            });
        } else if (sent.isCompletedExceptionally()) {
            run.sendFailures.increment();
        }
    }

    @Override
    public void onError(WebSocket from, Throwable error) {
        run.connectionErrors.increment();
    }

    @Override
    public synchronized void onClose(WebSocket from, int code, String reason) {
        if (run.phase() != EchoRun.Phase.DRAIN) {
            run.unexpectedCloses.increment(); // the tool itself closes only after the run
        }
        closed = true;
    }
}
