package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.suite.ConformanceCase.onServer;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.testee.ServerTestee;
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
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §4.1, §4.2 (the server's side of the opening handshake): a valid request gets 101
 * with the right accept value and nothing it was not asked for; every malformed variant gets
 * its HTTP status and the connection closed, never an upgrade.
 */
public final class OpeningHandshakeCases {

    private static final String KEY = "Sec-WebSocket-Key: " + HandshakeText.SAMPLE_KEY;

    private OpeningHandshakeCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.OPENING_HANDSHAKE;
        cases.add(onServer(g, "valid-request-101", "§4.2.2: a valid request gets 101 with Upgrade, Connection"
                        + " and the accept value derived from the key",
                server -> {
                    String head = exchangeHead(server, HandshakeText.request("/echo", ""));
                    check(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
                    check("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".equals(HandshakeText.header(head, "Sec-WebSocket-Accept")),
                            head);
                    check("websocket".equalsIgnoreCase(HandshakeText.header(head, "Upgrade")), head);
                    check("upgrade".equalsIgnoreCase(HandshakeText.header(head, "Connection")), head);
                }));
        cases.add(onServer(g, "no-subprotocol-or-extension-unasked",
                "§4.2.2: no Sec-WebSocket-Protocol or -Extensions header when none was offered",
                server -> {
                    String head = exchangeHead(server, HandshakeText.request("/echo", ""));
                    check(HandshakeText.header(head, "Sec-WebSocket-Protocol") == null, head);
                    check(HandshakeText.header(head, "Sec-WebSocket-Extensions") == null, head);
                }));
        cases.add(onServer(g, "unsupported-subprotocol-not-selected",
                "§4.2.2: a subprotocol the endpoint does not speak is not selected (no header, still 101)",
                server -> {
                    String head = exchangeHead(server, HandshakeText.request("/echo",
                            "Sec-WebSocket-Protocol: chat, superchat\r\n"));
                    check(head.startsWith("HTTP/1.1 101 "), head);
                    check(HandshakeText.header(head, "Sec-WebSocket-Protocol") == null, head);
                }));
        cases.add(onServer(g, "unknown-extension-declined",
                "§9.1: an extension the server does not know is declined (no header, still 101)",
                server -> {
                    String head = exchangeHead(server, HandshakeText.request("/echo",
                            "Sec-WebSocket-Extensions: x-unknown; p=1, permessage-deflate\r\n"));
                    check(head.startsWith("HTTP/1.1 101 "), head);
                    check(HandshakeText.header(head, "Sec-WebSocket-Extensions") == null, head);
                }));
        cases.add(onServer(g, "header-names-and-tokens-case-insensitive",
                "header names and the Upgrade/Connection tokens match without regard to case, in lists",
                server -> {
                    String request = "GET /echo HTTP/1.1\r\nhOsT: 127.0.0.1\r\nuPgRaDe: WebSocket\r\n"
                            + "CONNECTION: keep-alive, UPGRADE\r\n" + "sec-websocket-key: "
                            + HandshakeText.SAMPLE_KEY + "\r\nSEC-WEBSOCKET-VERSION: 13\r\n\r\n";
                    check(exchangeHead(server, request).startsWith("HTTP/1.1 101 "), request);
                }));
        cases.add(onServer(g, "origin-allowed-by-default", "an Origin header is accepted by the default policy",
                server -> check(exchangeHead(server, HandshakeText.request("/echo",
                        "Origin: http://example.test\r\n")).startsWith("HTTP/1.1 101 "), "")));
        cases.add(onServer(g, "request-one-byte-writes", "a request written one byte per write is upgraded",
                server -> {
                    try (Socket socket = server.connect()) {
                        byte[] request = HandshakeText.request("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
                        for (byte b : request) {
                            socket.getOutputStream().write(b);
                            socket.getOutputStream().flush();
                        }
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        String head = HandshakeText.readHead(in);
                        check(head.startsWith("HTTP/1.1 101 "), head);
                    }
                }));
        cases.add(onServer(g, "frame-pipelined-behind-request",
                "§4.1: frames the client sends right behind its request are processed after the upgrade",
                server -> {
                    try (Socket socket = server.connect()) {
                        byte[] request = HandshakeText.request("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        Wire wire = new Wire(socket, in, Side.SERVER);
                        socket.getOutputStream().write(Payloads.concat(request, wire.encode(Frame.text("early"))));
                        check(HandshakeText.readHead(in).startsWith("HTTP/1.1 101 "), "");
                        wire.expectText("early");
                    }
                }));
        rejected(cases, "missing-upgrade-426", 426, "§4.2.1 item 3: no Upgrade header: 426",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Connection: Upgrade", KEY, "Sec-WebSocket-Version: 13");
        rejected(cases, "upgrade-not-websocket-426", 426, "Upgrade: h2c instead of websocket: 426",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: h2c", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "missing-connection-upgrade-400", 400, "§4.2.1 item 4: Connection without Upgrade: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: keep-alive", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "missing-key-400", 400, "§4.2.1 item 5: no Sec-WebSocket-Key: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 13");
        rejected(cases, "short-key-400", 400, "§4.2.1 item 5: a key that does not decode to 16 bytes: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13");
        rejected(cases, "key-not-base64-400", 400, "a key that is not base64: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==", "Sec-WebSocket-Version: 13");
        rejected(cases, "duplicate-key-400", 400, "§11.3.1: Sec-WebSocket-Key twice: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==", "Sec-WebSocket-Version: 13");
        rejected(cases, "version-8-426", 426, "§4.4: version 8: 426 naming version 13",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 8");
        rejected(cases, "missing-version-426", 426, "§4.2.1 item 6: no version: 426",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY);
        rejected(cases, "post-405", 405, "§4.1: the method must be GET: 405",
                "POST /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "http-1.0-400", 400, "§4.1: HTTP/1.1 or higher: an HTTP/1.0 request gets 400",
                "GET /echo HTTP/1.0", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "http-2.0-505", 505, "an HTTP/2.0 request line gets 505",
                "GET /echo HTTP/2.0", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "missing-host-400", 400, "§4.2.1 item 2: no Host: 400",
                "GET /echo HTTP/1.1", "Upgrade: websocket", "Connection: Upgrade", KEY, "Sec-WebSocket-Version: 13");
        rejected(cases, "duplicate-host-400", 400, "two Host headers: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Host: 127.0.0.2", "Upgrade: websocket",
                "Connection: Upgrade", KEY, "Sec-WebSocket-Version: 13");
        rejected(cases, "body-announced-400", 400, "a handshake announcing a body (Content-Length: 5): 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13", "Content-Length: 5");
        cases.add(onServer(g, "unknown-path-404", "a handshake for a path with no endpoint: 404 (a plain HTTP"
                        + " answer: the connection may stay alive for more requests)",
                server -> {
                    String head = exchangeHead(server, HandshakeText.request("/nowhere", ""));
                    check(head.startsWith("HTTP/1.1 404 "), "expected 404, got: " + firstLine(head));
                }));
        rejected(cases, "malformed-request-line-400", 400, "a request line that is not HTTP: 400",
                "HELLO THERE", "Host: 127.0.0.1");
        rejected(cases, "whitespace-before-colon-400", 400, "RFC 9112 §5.1: whitespace before a colon: 400",
                "GET /echo HTTP/1.1", "Host : 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "obsolete-line-folding-400", 400, "RFC 9112 §5.2: obsolete line folding: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade,",
                " keep-alive", KEY, "Sec-WebSocket-Version: 13");
        rejected(cases, "header-without-colon-400", 400, "a header line without a colon: 400",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13");
        rejected(cases, "oversized-header-431", 431, "a request head over 8 KiB: 431",
                "GET /echo HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", KEY,
                "Sec-WebSocket-Version: 13", "X-Padding: " + "p".repeat(9000));
        rejected(cases, "request-line-over-head-limit-414", 414, "RFC 9112 §3: a 9 KiB request line does not fit"
                        + " in the 8 KiB head limit: 414, the request line being checked before the head's 431",
                "GET /echo?" + "q".repeat(9000) + " HTTP/1.1", "Host: 127.0.0.1");
        cases.add(onServer(g, "bare-line-feeds-400", "RFC 9112 §2.2: lines ended by LF alone: 400",
                server -> assertRejected(server, 400, HandshakeText.request("/echo", "").replace("\r\n", "\n"))));
        return cases;
    }

    private static void rejected(List<ConformanceCase> cases, String id, int status, String title, String... lines) {
        String request = String.join("\r\n", lines) + "\r\n\r\n";
        cases.add(onServer(Group.OPENING_HANDSHAKE, id, title, server -> assertRejected(server, status, request)));
    }

    /**
     * Sends a request and expects the status, then the server closing the connection (no
     * upgrade, nothing after the response).
     */
    private static void assertRejected(ServerTestee server, int status, String request) throws IOException {
        try (Socket socket = server.connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response;
            try {
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the connection open after the response");
            }
            check(response.startsWith("HTTP/1.1 " + status + " "),
                    "expected " + status + ", got: " + firstLine(response));
            if (status == 426 && request.contains("Version: 8")) {
                check("13".equals(HandshakeText.header(response, "Sec-WebSocket-Version")),
                        "a 426 for the version names version 13: " + response);
            }
        }
    }

    private static String exchangeHead(ServerTestee server, String request) throws IOException {
        try (Socket socket = server.connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return HandshakeText.readHead(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    private static void check(boolean condition, String detail) {
        if (!condition) {
            throw new AssertionError(detail);
        }
    }
}
