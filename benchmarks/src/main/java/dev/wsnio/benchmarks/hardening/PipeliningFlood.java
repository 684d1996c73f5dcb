package dev.wsnio.benchmarks.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 13, finding 1: one connection sends 20,000 pipelined {@code GET /page} (16 KiB answers)
 * and reads nothing, with a 4 KiB receive buffer. A server that answers every request it reads
 * queues 320 MiB; one that stops parsing while its answers wait makes the writer block (TCP).
 * Measured 5 s after the writer finished or stalled for 10 s, with the connection still open.
 */
final class PipeliningFlood implements HostileScenario {

    private static final int REQUESTS = 20_000;

    private final AtomicInteger written = new AtomicInteger();
    private Socket socket;
    private Thread writer;

    @Override
    public String name() {
        return "pipelining";
    }

    @Override
    public void start(int port) throws IOException, InterruptedException {
        socket = RawPeer.connect(port, 4096);
        byte[] request = RawPeer.get("/page");
        OutputStream out = socket.getOutputStream();
        writer = new Thread(() -> {
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    out.write(request);
                    written.incrementAndGet();
                }
            } catch (IOException e) {
                // cut off by the server
            }
        }, "pipelining-writer");
        writer.setDaemon(true);
        writer.start();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        Thread.sleep(5_000); // let the server read (and answer) whatever it is going to
    }

    @Override
    public String finish() {
        return "requests_written=" + written.get() + " writer_blocked=" + writer.isAlive();
    }

    @Override
    public void close() {
        if (socket != null) {
            RawPeer.reset(socket);
        }
    }
}
