package dev.wsnio.conformance.testee;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Our client as an Autobahn|Testsuite client testee: for each case it connects to the suite's
 * raw server (a plain {@link ServerSocket}), whose handshake code is written here, and echoes
 * what it receives. Its limits are the server testee's (64 MiB messages, 2^20 fragments).
 */
public final class ClientTestee implements Testee {

    private final ServerSocket listening;
    private final WebSocketClient client;
    private final String extensionResponse;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile String lastRequest = "";

    /** Starts a plain client (no extension) and the raw server it connects to. */
    public ClientTestee() {
        this(UnaryOperator.identity(), "");
    }

    /**
     * Starts a client with more configuration, and a raw server that answers its handshakes
     * with this extension header.
     *
     * @param more applied to the client's builder last
     * @param extensionResponse the {@code Sec-WebSocket-Extensions} value of every 101, or ""
     */
    public ClientTestee(UnaryOperator<WebSocketClient.Builder> more, String extensionResponse) {
        try {
            this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            listening.setSoTimeout((int) Wire.READ_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on the loopback address", e);
        }
        this.client = more.apply(WebSocketClient.builder().eventLoops(1).settings(ServerTestee.settings())).build();
        this.extensionResponse = extensionResponse;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    /** The URI of a path on the raw server. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listening.getLocalPort() + path);
    }

    /**
     * Starts a connection of our client, with a listener that counts opens and closes.
     *
     * @param path the request path
     * @param listener the application listener
     * @return the client's connect future
     */
    public CompletableFuture<WebSocket> connect(String path, WebSocketListener listener) {
        return client.connect(uri(path), new Counting(listener));
    }

    /**
     * Accepts the connection a {@link #connect} started.
     *
     * @return the raw server's socket
     * @throws IOException when no connection arrives in time
     */
    public Socket accept() throws IOException {
        try {
            Socket socket = listening.accept();
            socket.setSoTimeout((int) Wire.READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("our client did not connect within " + Wire.READ_TIMEOUT.toMillis() + " ms");
        }
    }

    @Override
    public Wire open(Behaviour behaviour) throws IOException {
        return open(behaviour, extensionResponse);
    }

    /**
     * Opens a connection whose 101 response carries a given extension header.
     *
     * @param behaviour what the client's application does
     * @param extensionResponse the {@code Sec-WebSocket-Extensions} value, or "" for none
     * @return our end of the connection
     * @throws IOException when the connection fails
     */
    public Wire open(Behaviour behaviour, String extensionResponse) throws IOException {
        CompletableFuture<WebSocket> connecting = connect(behaviour.path(), new TesteeListener(behaviour));
        Socket socket = accept();
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String request = HandshakeText.readHead(in);
            String key = checkRequest(request, behaviour.path());
            lastRequest = request;
            String extensions = extensionResponse.isEmpty() ? ""
                    : "Sec-WebSocket-Extensions: " + extensionResponse + "\r\n";
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n"
                    + extensions + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            awaitOpen(connecting);
            return new Wire(socket, in, Side.CLIENT);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            connecting.cancel(false);
            throw e;
        }
    }

    /** The request head of the last connection {@link #open} accepted. */
    public String lastRequest() {
        return lastRequest;
    }

    /**
     * Checks a client's opening handshake as RFC 6455 §4.1 requires it, returning its key.
     *
     * @param request the request head
     * @param path the expected request target
     * @return the Sec-WebSocket-Key
     * @throws AssertionError when a requirement is broken
     */
    public String checkRequest(String request, String path) {
        require(request.startsWith("GET " + path + " HTTP/1.1\r\n"), "§4.1 item 2: GET " + path + " HTTP/1.1", request);
        require(("127.0.0.1:" + listening.getLocalPort()).equals(HandshakeText.header(request, "Host")),
                "§4.1 item 4: Host with the port", request);
        require("websocket".equalsIgnoreCase(HandshakeText.header(request, "Upgrade")), "§4.1 item 5: Upgrade",
                request);
        require(containsToken(HandshakeText.header(request, "Connection"), "upgrade"), "§4.1 item 6: Connection",
                request);
        require("13".equals(HandshakeText.header(request, "Sec-WebSocket-Version")), "§4.1 item 9: version 13",
                request);
        String key = HandshakeText.header(request, "Sec-WebSocket-Key");
        require(key != null, "§4.1 item 7: a key", request);
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("§4.1 item 7: the key is not base64: " + request);
        }
        require(nonce.length == 16, "§4.1 item 7: the key decodes to 16 bytes", request);
        return key;
    }

    private static boolean containsToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String item : value.split(",")) {
            if (item.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean condition, String rule, String request) {
        if (!condition) {
            throw new AssertionError(rule + " is missing from the request: " + request);
        }
    }

    private static void awaitOpen(CompletableFuture<WebSocket> connecting) {
        try {
            connecting.get(Wire.READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("our client refused a valid 101 response: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new AssertionError("our client did not open within " + Wire.READ_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void awaitAllReleased() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (closed.get() != opened.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("our client still holds " + (opened.get() - closed.get())
                        + " connection(s): no onClose");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            listening.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** Counts opened and closed connections around the application's listener. */
    private final class Counting extends ForwardingListener {

        Counting(WebSocketListener application) {
            super(application);
        }

        @Override
        public void onOpen(WebSocket socket) {
            opened.incrementAndGet();
            super.onOpen(socket);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            try {
                super.onClose(socket, code, reason);
            } finally {
                closed.incrementAndGet();
            }
        }
    }
}
