package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.suite.ConformanceCase.onClient;

import dev.wsnio.WebSocket;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.client.WebSocketConnectException;
import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ClientTestee;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * RFC 6455 §4.1 (the client's side of the opening handshake): our client's request is what the
 * RFC asks for, a random key each time; and every response that does not prove a WebSocket
 * server accepted it makes the client fail the connection (close TCP, report why, never open).
 */
public final class ClientHandshakeCases {

    private ClientHandshakeCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.OPENING_HANDSHAKE;
        cases.add(onClient(g, "client-request-valid-and-keys-random",
                "§4.1: the request has GET, Host with port, Upgrade, Connection, version 13 and a"
                        + " base64 16-byte key, chosen at random for each connection (two differ)",
                client -> {
                    String first = requestKey(client);
                    String second = requestKey(client);
                    if (first.equals(second)) {
                        throw new AssertionError("§4.1 item 7: two connections sent the same key " + first);
                    }
                }));
        cases.add(onClient(g, "client-offers-no-extension-unconfigured",
                "a client with no extension configured sends no Sec-WebSocket-Extensions or -Protocol",
                client -> {
                    CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
                    try (Socket socket = client.accept()) {
                        String request = HandshakeText.readHead(socket.getInputStream());
                        if (HandshakeText.header(request, "Sec-WebSocket-Extensions") != null
                                || HandshakeText.header(request, "Sec-WebSocket-Protocol") != null) {
                            throw new AssertionError("unasked-for headers: " + request);
                        }
                    } finally {
                        connecting.cancel(false);
                    }
                }));
        cases.add(onClient(g, "client-accepts-case-insensitive-response",
                "§4.1: Upgrade and Connection in the response match without regard to case",
                client -> {
                    try (Socket socket = handshake(client, key -> "HTTP/1.1 101 Switching Protocols\r\n"
                            + "upgrade: WebSocket\r\nCONNECTION: keep-alive, UPGRADE\r\n"
                            + "sec-websocket-accept: " + HandshakeText.acceptFor(key) + "\r\n\r\n", null)) {
                        // opened: nothing more to check
                    }
                }));
        cases.add(onClient(g, "client-reads-frame-pipelined-behind-101",
                "a frame sent in the same write as the 101 response is delivered (and echoed)",
                client -> {
                    byte[] frame = Frame.text("right behind").encode(null);
                    try (Socket socket = handshake(client, key -> "HTTP/1.1 101 Switching Protocols\r\n"
                            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n\r\n", frame)) {
                        Wire wire = new Wire(socket, socket.getInputStream(), Side.CLIENT);
                        wire.expectText("right behind");
                    }
                }));
        refused(cases, "client-fails-wrong-accept", Reason.INVALID_ACCEPT,
                "§4.1 check 4: a wrong Sec-WebSocket-Accept fails the connection",
                key -> valid("Sec-WebSocket-Accept: " + HandshakeText.acceptFor("AQIDBAUGBwgJCgsMDQ4PEA==")));
        refused(cases, "client-fails-missing-accept", Reason.INVALID_ACCEPT,
                "§4.1 check 4: no Sec-WebSocket-Accept fails the connection",
                key -> valid(""));
        refused(cases, "client-fails-accept-of-key-without-guid", Reason.INVALID_ACCEPT,
                "§4.1 check 4: an accept value computed without the GUID fails the connection",
                key -> valid("Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1(key))));
        refused(cases, "client-fails-missing-upgrade", Reason.INVALID_RESPONSE,
                "§4.1 check 2: no Upgrade header fails the connection",
                key -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                        + HandshakeText.acceptFor(key) + "\r\n\r\n");
        refused(cases, "client-fails-upgrade-not-websocket", Reason.INVALID_RESPONSE,
                "§4.1 check 2: Upgrade: h2c fails the connection",
                key -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n\r\n");
        refused(cases, "client-fails-missing-connection", Reason.INVALID_RESPONSE,
                "§4.1 check 3: no Connection: Upgrade fails the connection",
                key -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n\r\n");
        refused(cases, "client-fails-status-200", Reason.UNEXPECTED_STATUS,
                "§4.1 check 1: a 200 instead of 101 fails the connection",
                key -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        refused(cases, "client-fails-status-404", Reason.UNEXPECTED_STATUS,
                "§4.1 check 1: a 404 fails the connection",
                key -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        refused(cases, "client-fails-unrequested-subprotocol", Reason.UNEXPECTED_SUBPROTOCOL,
                "§4.1 check 6: a subprotocol the client did not offer fails the connection",
                key -> valid("Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n"
                        + "Sec-WebSocket-Protocol: chat"));
        refused(cases, "client-fails-unrequested-extension", Reason.UNEXPECTED_EXTENSION,
                "§4.1 check 5: an extension the client did not offer fails the connection",
                key -> valid("Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate"));
        refused(cases, "client-fails-not-http", Reason.INVALID_RESPONSE,
                "a response that is not HTTP fails the connection",
                key -> "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        return cases;
    }

    private static String valid(String acceptLine) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (acceptLine.isEmpty() ? "" : acceptLine + "\r\n") + "\r\n";
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requestKey(ClientTestee client) throws IOException {
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
        try (Socket socket = client.accept()) {
            return client.checkRequest(HandshakeText.readHead(socket.getInputStream()), "/echo");
        } finally {
            connecting.cancel(false);
        }
    }

    /** Runs a handshake with a custom response; expects the client to open. */
    private static Socket handshake(ClientTestee client, UnaryOperator<String> response, byte[] after)
            throws Exception {
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
        Socket socket = client.accept();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String key = client.checkRequest(HandshakeText.readHead(in), "/echo");
        byte[] head = response.apply(key).getBytes(StandardCharsets.ISO_8859_1);
        socket.getOutputStream().write(after == null ? head : Payloads.concat(head, after));
        try {
            connecting.get(Wire.READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            socket.close();
            throw new AssertionError("our client refused a valid response: " + e.getCause());
        }
        return socket;
    }

    private static void refused(List<ConformanceCase> cases, String id, Reason reason, String title,
                                UnaryOperator<String> response) {
        cases.add(onClient(Group.OPENING_HANDSHAKE, id, title + " (" + reason + ", TCP closed, never opened)",
                client -> expectRefusal(client, response, reason)));
    }

    /**
     * Answers our client's handshake with a response it must refuse, and checks that it does:
     * its connect fails with the reason, it closes TCP, and it never opens.
     *
     * @param client the client testee
     * @param response makes the response head from the client's key
     * @param reason the expected reason
     * @throws Exception when the case fails
     */
    public static void expectRefusal(ClientTestee client, UnaryOperator<String> response, Reason reason)
            throws Exception {
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
        try (Socket socket = client.accept()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String key = client.checkRequest(HandshakeText.readHead(in), "/echo");
            socket.getOutputStream().write(response.apply(key).getBytes(StandardCharsets.ISO_8859_1));
            expectRefused(connecting, reason);
            expectTcpClosed(in);
        }
    }

    /**
     * A valid 101 response for a key, with one more header line.
     *
     * @param key the client's key
     * @param extraHeader a header line without CRLF, or ""
     * @return the response head
     */
    public static String switchingProtocols(String key, String extraHeader) {
        return valid("Sec-WebSocket-Accept: " + HandshakeText.acceptFor(key)
                + (extraHeader.isEmpty() ? "" : "\r\n" + extraHeader));
    }

    private static void expectRefused(CompletableFuture<WebSocket> connecting, Reason reason) throws Exception {
        try {
            WebSocket opened = connecting.get(Wire.READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            opened.abort();
            throw new AssertionError("our client opened the connection");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof WebSocketConnectException refused) || refused.reason() != reason) {
                throw new AssertionError("expected " + reason + ", got " + e.getCause());
            }
        } catch (TimeoutException e) {
            throw new AssertionError("our client neither opened nor failed within "
                    + Wire.READ_TIMEOUT.toMillis() + " ms");
        }
    }

    private static void expectTcpClosed(InputStream in) throws IOException {
        try {
            int next = in.read();
            if (next >= 0) {
                throw new AssertionError("our client sent bytes after refusing the response");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("our client left TCP open after refusing the response");
        }
    }
}
