package dev.wsnio.examples.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.Main;
import dev.wsnio.testkit.ChildProcess;
import dev.wsnio.testkit.SelfSignedCertificate;
import dev.wsnio.testkit.wire.RawServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect} as a process, as a user runs it: what it sends, prints, and exits with. */
@Timeout(60)
class ConnectProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern TIMESTAMPED = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} < (.*)");

    private ScriptedServer server;

    @BeforeEach
    void startServer() {
        server = ScriptedServer.start(0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String url() {
        return "ws://127.0.0.1:" + server.port() + "/ws";
    }

    @Test
    void typedLinesAreSentAndMessagesPrintedWithTheirTime() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", url())) {
            server.await("open", WAIT);
            connect.type("hello");
            connect.type("你好服务器");
            connect.type("binary");

            assertEquals("text hello", server.await("text", WAIT));
            assertEquals("text 你好服务器", server.await("text", WAIT));
            connect.awaitLine(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} < welcome"), WAIT);
            connect.awaitLine(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} < echo: 你好服务器"), WAIT);
            connect.awaitLine(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} < binary 3 bytes: 0102ff"), WAIT);
        }
    }

    @Test
    void endOfInputClosesNormallyAndExitsZero() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", url())) {
            server.await("open", WAIT);
            connect.type("last words");
            connect.endInput();

            assertEquals("text last words", server.await("text", WAIT));
            assertEquals("close 1000", server.await("close", WAIT));
            assertEquals(0, connect.awaitExit(WAIT));
            // the server answered before it answered the close: every message was printed
            assertEquals(java.util.List.of("welcome", "echo: last words"), connect.out().text().lines()
                    .map(TIMESTAMPED::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).toList());
        }
    }

    @Test
    void normalCloseByTheServerExitsZero() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", url())) {
            server.await("open", WAIT);
            connect.type("bye");

            assertEquals(0, connect.awaitExit(WAIT));
            assertTrue(connect.err().text().contains("* closed: 1000 bye"), connect.err().text());
        }
    }

    @Test
    void lostConnectionExitsOneWithOneLineError() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", url())) {
            server.await("open", WAIT);
            connect.type("die");

            assertEquals(1, connect.awaitExit(WAIT));
            assertTrue(connect.err().text().endsWith("error: connection closed: 1006\n"), connect.err().text());
        }
    }

    @Test
    void aMessageOverTheLimitEndsWithTheCode1009ThisClientSentNot1006() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "--max-message-mib", "1", url())) {
            server.await("open", WAIT);
            connect.type("big"); // the server answers with 2 MiB

            assertEquals(1, connect.awaitExit(WAIT));
            assertEquals("close 1009", server.await("close", WAIT)); // what the client sent
            String err = connect.err().text();
            assertTrue(err.endsWith("* closed: 1009 frame too big (sent by this client)\n"
                    + "error: connection closed: 1009 frame too big (sent by this client)\n"), err);
        }
    }

    @Test
    void aServerThatBreaksTheProtocolEndsWithTheCode1002ThisClientSent() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closeCodeSent = new java.util.concurrent.CompletableFuture<>();
        try (RawServer breaking = new RawServer(peer -> {
                peer.handshake();
                peer.send(new byte[] {(byte) 0x83, 0}); // FIN, opcode 0x3: reserved (RFC 6455 §5.2)
                closeCodeSent.complete(peer.readFrame().closeCode());
            });
             ChildProcess connect = ChildProcess.startJava(Main.class, "connect", breaking.uri("/").toString())) {
            assertEquals(1, connect.awaitExit(WAIT));
            assertEquals(1002, closeCodeSent.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            String err = connect.err().text();
            assertTrue(err.endsWith("* closed: 1002 reserved opcode (sent by this client)\n"
                    + "error: connection closed: 1002 reserved opcode (sent by this client)\n"), err);
        }
    }

    @Test
    void refusedConnectionExitsOneWithOneLineError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "ws://127.0.0.1:" + closedPort + "/")) {
            assertEquals(1, connect.awaitExit(WAIT));
            assertEquals("error: connection refused 127.0.0.1:" + closedPort + "\n", connect.err().text());
            assertEquals("", connect.out().text());
        }
    }

    @Test
    void refusedHandshakeSaysTheStatus() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "ws://127.0.0.1:" + server.port() + "/nowhere")) {
            assertEquals(1, connect.awaitExit(WAIT));
            assertEquals("error: server answered 404 Not Found\n", connect.err().text());
        }
    }

    @Test
    void headersSubprotocolsAndCompressionAreOffered() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "--header", "X-Test: 42", "--subprotocol", "chat.v2",
                "--subprotocol", "chat.v1", "--deflate", url())) {
            String open = server.await("open", WAIT);
            assertTrue(open.startsWith("open header=42 subprotocol=chat.v1 extensions=permessage-deflate"), open);
            connect.type("x".repeat(5_000)); // above the compression threshold
            connect.awaitLine(Pattern.compile(".* < echo: x{5000}"), WAIT);
            assertTrue(connect.err().text().startsWith("* connected to " + url() + ", subprotocol chat.v1, extensions"
                    + " permessage-deflate"), connect.err().text());
        }
    }

    @Test
    void pingIntervalPingsTheServer() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "--ping-interval", "200ms", url())) {
            server.await("open", WAIT);
            server.await("ping", WAIT);
            server.await("ping", WAIT);
        }
    }

    @Test
    void reconnectComesBackAfterTheServerRestarts() throws Exception {
        int port = server.port();
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect", "--reconnect", url())) {
            server.await("open", WAIT);
            server.stopGracefully();
            connect.awaitLine(Pattern.compile(".* < welcome"), WAIT);
            server = ScriptedServer.start(port);

            server.await("open", WAIT);
            assertTrue(connect.err().text().contains("* reconnecting in "), connect.err().text());
            connect.type("again");
            assertEquals("text again", server.await("text", WAIT));
            connect.endInput();
            assertEquals(0, connect.awaitExit(WAIT));
        }
    }

    @Test
    void wssWithASelfSignedCertificateNeedsInsecure(@TempDir Path directory) throws Exception {
        server.close();
        server = ScriptedServer.startTls(SelfSignedCertificate.create(directory).serverContext());
        String url = "wss://127.0.0.1:" + server.port() + "/ws";

        try (ChildProcess strict = ChildProcess.startJava(Main.class, "connect", url)) {
            assertEquals(1, strict.awaitExit(WAIT));
            assertTrue(strict.err().text().startsWith("error: TLS handshake with 127.0.0.1:" + server.port() + " failed"),
                    strict.err().text());
        }
        try (ChildProcess insecure = ChildProcess.startJava(Main.class, "connect", "--insecure", url)) {
            server.await("open", WAIT);
            insecure.type("over tls");
            insecure.awaitLine(Pattern.compile(".* < echo: over tls"), WAIT);
        }
    }

    @Test
    void missingUrlIsAUsageError() throws Exception {
        try (ChildProcess connect = ChildProcess.startJava(Main.class, "connect")) {
            assertEquals(2, connect.awaitExit(WAIT));
            assertTrue(connect.err().text().startsWith("error: connect needs exactly one URL"), connect.err().text());
        }
    }
}
