package dev.wsnio.benchmarks.hardening;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak run's peers do, one {@link Activity} at a time: WebSocket connections that open,
 * exchange and close cleanly, or vanish (reset, or silent as if the network went away), and
 * plain HTTP requests, one at a time, pipelined, as HTTP/1.0, or pipelined by a client that
 * never reads. Each activity counts its successes and failures. Thread-safe.
 */
final class SoakTraffic {

    /** The things a peer does, each chosen with its weight. */
    enum Activity {
        /** wsnio's client: open, five text messages and their echoes, close 1000. */
        WEBSOCKET_CLEAN(4),
        /** Open, three messages and their echoes, then a TCP reset instead of a close. */
        WEBSOCKET_RESET(2),
        /** Open, one message and its echo, then silence: a peer whose network went away. */
        WEBSOCKET_HALF_OPEN(1),
        /** Five {@code GET /hello} one after the other on a kept-alive connection. */
        HTTP_KEEP_ALIVE(3),
        /** Twenty pipelined {@code GET /page}, all answers read. */
        HTTP_PIPELINED(2),
        /** An HTTP/1.0 {@code GET /hello}, closed by the server after the answer. */
        HTTP_1_0(1),
        /** 2,000 pipelined {@code GET /page} never read, then a reset after 2 s. */
        HTTP_PIPELINED_NEVER_READ(1);

        final int weight;

        Activity(int weight) {
            this.weight = weight;
        }
    }

    /** How long a silent peer stays before it is checked and dropped: past the heartbeat. */
    static final long HALF_OPEN_MILLIS = 40_000;

    private final int port;
    private final WebSocketClient client;
    private final URI echo;
    private final Map<Activity, LongAdder> done = new EnumMap<>(Activity.class);
    private final Map<Activity, LongAdder> failed = new EnumMap<>(Activity.class);
    private final LongAdder halfOpenClosedByServer = new LongAdder();
    private final LongAdder halfOpenStillOpen = new LongAdder();
    private final LongAdder halfOpenLeftAtTheEnd = new LongAdder();
    private final Deque<Parked> halfOpen = new ArrayDeque<>();
    private final int totalWeight;

    /** A silent peer and since when. */
    private record Parked(Socket socket, long sinceNanos) {
    }

    SoakTraffic(int port, WebSocketClient client) {
        this.port = port;
        this.client = client;
        this.echo = URI.create("ws://127.0.0.1:" + port + "/echo");
        int weights = 0;
        for (Activity activity : Activity.values()) {
            done.put(activity, new LongAdder());
            failed.put(activity, new LongAdder());
            weights += activity.weight;
        }
        this.totalWeight = weights;
    }

    /** Picks an activity by weight. */
    Activity pick(SplittableRandom random) {
        int ticket = random.nextInt(totalWeight);
        for (Activity activity : Activity.values()) {
            ticket -= activity.weight;
            if (ticket < 0) {
                return activity;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** Does one activity and counts how it went. */
    void run(Activity activity) {
        try {
            switch (activity) {
                case WEBSOCKET_CLEAN -> webSocketClean();
                case WEBSOCKET_RESET -> webSocketThenReset();
                case WEBSOCKET_HALF_OPEN -> webSocketThenSilence();
                case HTTP_KEEP_ALIVE -> httpKeepAlive();
                case HTTP_PIPELINED -> httpPipelined();
                case HTTP_1_0 -> http10();
                case HTTP_PIPELINED_NEVER_READ -> httpPipelinedNeverRead();
            }
            done.get(activity).increment();
        } catch (IOException | RuntimeException e) {
            failed.get(activity).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void webSocketClean() throws IOException, InterruptedException {
        int messages = 5;
        CountDownLatch echoed = new CountDownLatch(messages);
        WebSocket socket;
        try {
            socket = client.connect(echo, new WebSocketListener() {
                @Override
                public void onText(WebSocket from, String text) {
                    echoed.countDown();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("connect failed", e);
        }
        for (int i = 0; i < messages; i++) {
            socket.sendText("soak message " + i);
        }
        boolean allEchoed = echoed.await(10, TimeUnit.SECONDS);
        try {
            socket.close().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
            throw new IOException("close failed", e);
        }
        if (!allEchoed) {
            throw new IOException("echoes missing");
        }
    }

    private void webSocketThenReset() throws IOException {
        Socket socket = RawPeer.openWebSocket(port, "/echo", 0);
        try {
            exchange(socket, 3);
        } finally {
            RawPeer.reset(socket);
        }
    }

    private void webSocketThenSilence() throws IOException {
        Socket socket = RawPeer.openWebSocket(port, "/echo", 0);
        try {
            exchange(socket, 1);
        } catch (IOException e) {
            RawPeer.reset(socket);
            throw e;
        }
        synchronized (halfOpen) {
            halfOpen.addLast(new Parked(socket, System.nanoTime()));
        }
    }

    private static void exchange(Socket socket, int messages) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int i = 0; i < messages; i++) {
            byte[] text = ("soak " + i).getBytes(StandardCharsets.UTF_8);
            out.write(RawPeer.maskedFrame(0x1, text));
            if (!new String(RawPeer.readFrame(in), StandardCharsets.UTF_8).equals("soak " + i)) {
                throw new IOException("wrong echo");
            }
        }
    }

    private void httpKeepAlive() throws IOException {
        try (Socket socket = RawPeer.connect(port, 0)) {
            for (int i = 0; i < 5; i++) {
                socket.getOutputStream().write(RawPeer.get("/hello"));
                expect200(RawPeer.readResponse(socket.getInputStream()));
            }
        }
    }

    private void httpPipelined() throws IOException {
        try (Socket socket = RawPeer.connect(port, 0)) {
            byte[] request = RawPeer.get("/page");
            byte[] requests = new byte[request.length * 20];
            for (int i = 0; i < 20; i++) {
                System.arraycopy(request, 0, requests, i * request.length, request.length);
            }
            socket.getOutputStream().write(requests);
            for (int i = 0; i < 20; i++) {
                expect200(RawPeer.readResponse(socket.getInputStream()));
            }
        }
    }

    private void http10() throws IOException {
        try (Socket socket = RawPeer.connect(port, 0)) {
            socket.getOutputStream().write("GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            expect200(RawPeer.readResponse(in));
            if (in.read() >= 0) {
                throw new IOException("an HTTP/1.0 connection without keep-alive stayed open");
            }
        }
    }

    private void httpPipelinedNeverRead() throws IOException, InterruptedException {
        Socket socket = RawPeer.connect(port, 4096);
        try {
            byte[] request = RawPeer.get("/page");
            byte[] requests = new byte[request.length * 2_000];
            for (int i = 0; i < 2_000; i++) {
                System.arraycopy(request, 0, requests, i * request.length, request.length);
            }
            socket.getOutputStream().write(requests); // fits in the kernel's buffers: never blocks long
            Thread.sleep(2_000);
        } finally {
            RawPeer.reset(socket);
        }
    }

    private static void expect200(int status) throws IOException {
        if (status != 200) {
            throw new IOException("status " + status);
        }
    }

    /**
     * Drops the silent peers that have been silent long enough, noting whether the server had
     * noticed (closed its side) by then.
     *
     * @param all true to drop every one, whatever its age (at the end of the run)
     */
    void dropSilentPeers(boolean all) {
        long now = System.nanoTime();
        while (true) {
            Parked parked;
            synchronized (halfOpen) {
                parked = halfOpen.peekFirst();
                if (parked == null || (!all && now - parked.sinceNanos() < HALF_OPEN_MILLIS * 1_000_000)) {
                    return;
                }
                halfOpen.pollFirst();
            }
            boolean oldEnough = now - parked.sinceNanos() >= HALF_OPEN_MILLIS * 1_000_000;
            if (!oldEnough) {
                halfOpenLeftAtTheEnd.increment(); // silent for less than the server's heartbeat needs
            } else {
                (closedByServer(parked.socket()) ? halfOpenClosedByServer : halfOpenStillOpen).increment();
            }
            RawPeer.reset(parked.socket());
        }
    }

    /** Whether the server closed the connection: its pings and close frame, then the end of the stream. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            while (true) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /**
     * The counts so far: {@code websocket_clean 120/0, ...} (done/failed), and what became of the
     * silent peers: closed by the server within {@link #HALF_OPEN_MILLIS}, not closed by then,
     * or still silent (younger than that).
     */
    String counts() {
        StringBuilder line = new StringBuilder();
        for (Activity activity : Activity.values()) {
            line.append(line.length() == 0 ? "" : ", ").append(activity.name().toLowerCase(java.util.Locale.ROOT))
                    .append(' ').append(done.get(activity).sum()).append('/').append(failed.get(activity).sum());
        }
        int parked;
        synchronized (halfOpen) {
            parked = halfOpen.size();
        }
        return line + "; silent peers closed by the server within " + HALF_OPEN_MILLIS / 1000 + " s "
                + halfOpenClosedByServer.sum() + ", not closed " + halfOpenStillOpen.sum() + ", silent "
                + (parked + halfOpenLeftAtTheEnd.sum());
    }

    /** The total of failed activities, and silent peers the server did not close in time. */
    long failures() {
        return failed.values().stream().mapToLong(LongAdder::sum).sum() + halfOpenStillOpen.sum();
    }
}
