package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.SelfSignedCertificate;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// against the project's server with a self-signed certificate made for 127.0.0.1. */
class ClientTlsTest {

    @TempDir
    static Path directory;
    private static SelfSignedCertificate certificate;
    private static WebSocketServer server;
    private final RecordingListener events = new RecordingListener();

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(directory);
        server = new EchoServer().builder().tls(certificate.serverContext()).maxMessageSize(4 << 20).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private WebSocketClient.Builder trustingClient() throws Exception {
        return WebSocketClient.builder().eventLoops(1).maxMessageSize(4 << 20).tls(certificate.trustingClientContext());
    }

    private static URI wss(String host) {
        return URI.create("wss://" + host + ":" + server.port() + "/echo");
    }

    @Test
    void talksOverTlsWithTheHostnameVerified() throws Exception {
        try (WebSocketClient client = trustingClient().build()) {
            WebSocket socket = client.connect(wss("127.0.0.1"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            socket.sendText("secret");
            assertEquals("secret", events.next(Kind.TEXT).text());
            byte[] large = new byte[3 << 20]; // many TLS records
            new Random(1).nextBytes(large);
            socket.sendBinary(ByteBuffer.wrap(large));
            assertEquals(large.length, events.next(Kind.BINARY).data().length);
            socket.close().get(5, TimeUnit.SECONDS);
            assertEquals(1000, events.next(Kind.CLOSE).code());
        }
    }

    @Test
    void failsWithATlsErrorWhenTheCertificateDoesNotNameTheHost() throws Exception {
        // server.test is 127.0.0.1 (test hosts file) but the certificate names only ip:127.0.0.1
        try (WebSocketClient client = trustingClient().build()) {
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> client.connect(wss("server.test"), events).get(10, TimeUnit.SECONDS));
            WebSocketConnectException error = assertInstanceOf(WebSocketConnectException.class, thrown.getCause());
            assertEquals(Reason.TLS_FAILURE, error.reason());
            assertInstanceOf(SSLException.class, error.getCause());
            assertFalse(ReconnectPolicy.isRetryableByDefault(new Disconnection(1006, "", error)),
                    "a certificate error is fatal by default");
        }
    }

    @Test
    void acceptsAnotherNameOnlyWhenVerificationIsSwitchedOffForTests() throws Exception {
        try (WebSocketClient client = trustingClient().insecureSkipHostnameVerification().build()) {
            WebSocket socket = client.connect(wss("server.test"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            socket.sendText("no name check");
            assertEquals("no name check", events.next(Kind.TEXT).text());
        }
    }

    @Test
    void failsWithATlsErrorWhenTheCertificateIsNotTrusted() throws Exception {
        try (WebSocketClient client = WebSocketClient.builder().eventLoops(1).build()) { // the JDK's trust store
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> client.connect(wss("127.0.0.1"), events).get(10, TimeUnit.SECONDS));
            assertEquals(Reason.TLS_FAILURE, ((WebSocketConnectException) thrown.getCause()).reason());
        }
    }

    @Test
    void failsWithATlsErrorWhenTheServerDoesNotSpeakTls() throws Exception {
        try (WebSocketServer plain = new EchoServer().builder().build().start();
             WebSocketClient client = trustingClient().build()) {
            URI uri = URI.create("wss://127.0.0.1:" + plain.port() + "/echo");
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> client.connect(uri, events).get(10, TimeUnit.SECONDS));
            // the server answers the ClientHello with an HTTP 400, which is no TLS record
            assertEquals(Reason.TLS_FAILURE, ((WebSocketConnectException) thrown.getCause()).reason());
        }
    }

    @Test
    void enginesVerifyTheHostAndSendItsNameButNeverAnAddress() throws Exception {
        SSLContext context = certificate.trustingClientContext();
        SSLEngine named = new ClientTls(context, true).newEngine("server.test", 8443);
        assertTrue(named.getUseClientMode());
        assertEquals("HTTPS", named.getSSLParameters().getEndpointIdentificationAlgorithm());
        assertEquals(List.of(new SNIHostName("server.test")), named.getSSLParameters().getServerNames());
        assertEquals("server.test", named.getPeerHost());
        assertEquals(8443, named.getPeerPort());

        SSLEngine literal = new ClientTls(context, true).newEngine("[::1]", 8443);
        assertEquals("::1", literal.getPeerHost());
        assertTrue(literal.getSSLParameters().getServerNames() == null
                || literal.getSSLParameters().getServerNames().isEmpty());

        SSLEngine unverified = new ClientTls(context, false).newEngine("127.0.0.1", 8443);
        assertEquals(null, unverified.getSSLParameters().getEndpointIdentificationAlgorithm());
    }
}
