package dev.wsnio.benchmarks.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 13, finding 2: a WebSocket peer of the echo endpoint sends 64 KiB binary messages as
 * fast as the server takes them (up to 256 MiB, for 10 s) and reads none of the echoes, with a
 * 4 KiB receive buffer. A server whose reading pauses when its output backs up slows the peer
 * down to a few MiB; one that refuses the echoes instead reads everything. Measured at the end
 * of the 10 s, with the connection still open.
 */
final class NonReadingEchoPeer implements HostileScenario {

    private static final int MESSAGE_BYTES = 64 * 1024;
    private static final long MAX_BYTES = 256L << 20;
    private static final long SENDING_MILLIS = 10_000;

    private final AtomicLong sent = new AtomicLong();
    private Socket socket;
    private Thread writer;
    private long stalledAt;

    @Override
    public String name() {
        return "non-reading-echo";
    }

    @Override
    public void start(int port) throws IOException, InterruptedException {
        socket = RawPeer.openWebSocket(port, "/echo", 4096);
        byte[] frame = RawPeer.maskedFrame(0x2, new byte[MESSAGE_BYTES]);
        OutputStream out = socket.getOutputStream();
        writer = new Thread(() -> {
            try {
                while (sent.get() < MAX_BYTES) {
                    out.write(frame);
                    sent.addAndGet(MESSAGE_BYTES);
                }
            } catch (IOException e) {
                // closed by the server, or by us at the end
            }
        }, "non-reading-echo-writer");
        writer.setDaemon(true);
        writer.start();
        long start = System.nanoTime();
        long lastSent = -1;
        while (System.nanoTime() - start < SENDING_MILLIS * 1_000_000) {
            Thread.sleep(500);
            long now = sent.get();
            if (now >= MAX_BYTES) {
                break; // everything sent: nothing slowed the peer down
            }
            if (now == lastSent && stalledAt == 0) {
                stalledAt = (System.nanoTime() - start) / 1_000_000;
            } else if (now != lastSent) {
                stalledAt = 0;
            }
            lastSent = now;
        }
    }

    @Override
    public String finish() {
        return "sent_bytes=" + sent.get() + " sender_stalled_after_ms=" + (stalledAt == 0 ? "never" : stalledAt)
                + " all_sent=" + (sent.get() >= MAX_BYTES);
    }

    @Override
    public void close() {
        if (socket != null) {
            RawPeer.reset(socket);
        }
    }
}
