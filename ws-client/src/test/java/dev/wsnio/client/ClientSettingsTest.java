package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpResponseHead;
import dev.wsnio.handshake.HttpResponseParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The client's settings refuse what cannot work when they are made, not at the first connect,
 * and describe themselves without leaking secrets; a failed handshake's exception reports the
 * response it got, or says plainly that there was none.
 */
class ClientSettingsTest {

    private static final URI URI_ = URI.create("ws://127.0.0.1/chat");

    @Test
    void aProxyNeedsAHostAPortInRangeAndAUserNameWithoutAColon() {
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("", 3128));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("proxy.example", 0));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("proxy.example", 65536));
        HttpProxy proxy = HttpProxy.of("proxy.example", 65535);
        assertThrows(IllegalArgumentException.class, () -> proxy.withCredentials("ali:ce", "secret"));
    }

    @Test
    void aProxyDescribesItselfWithoutItsPassword() {
        assertEquals("HttpProxy[proxy.example:3128]", HttpProxy.of("proxy.example", 3128).toString());
        String withCredentials = HttpProxy.of("proxy.example", 3128).withCredentials("alice", "s3cret").toString();
        assertEquals("HttpProxy[proxy.example:3128, with credentials]", withCredentials);
        assertFalse(withCredentials.contains("s3cret") || withCredentials.contains("alice"), withCredentials);
    }

    @Test
    void theClientBuilderRefusesSettingsThatCannotWork() {
        WebSocketClient.Builder builder = WebSocketClient.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.resolverThreads(0));
        assertThrows(IllegalArgumentException.class, () -> builder.followRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.handshakeTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> builder.headLimits(null));
        assertSame(builder, builder.resolverThreads(2).headLimits(HeadLimits.DEFAULT), "valid settings are taken");
        try (WebSocketClient client = builder.eventLoops(1).build()) {
            assertEquals(1, client.eventLoopCount());
        }
    }

    @Test
    void aDisconnectionTellsAFailedConnectFromALostConnection() {
        WebSocketConnectException refused = new WebSocketConnectException(Reason.CONNECTION_REFUSED, URI_,
                "refused", null);
        assertEquals(Optional.of(refused), new Disconnection(1006, "", refused).connectFailure());
        assertEquals(Optional.empty(), new Disconnection(1006, "", new IOException("reset")).connectFailure());
        assertEquals(Optional.empty(), new Disconnection(1001, "going away", null).connectFailure());
    }

    @Test
    void aReconnectPolicyNeedsAPositiveMaximumDelayAndAFiniteMultiplier() {
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.builder().multiplier(Double.POSITIVE_INFINITY));
    }

    @Test
    void aReconnectPolicyDescribesItsDelaysAndItsLimit() {
        ReconnectPolicy policy = ReconnectPolicy.builder().firstDelayMax(Duration.ofMillis(500))
                .baseDelay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofSeconds(30)).jitter(0.25).build();
        assertEquals("ReconnectPolicy[first ≤ 500 ms, then 1000 ms × 2.0^n ≤ 30000 ms, jitter 0.25, attempts unlimited]",
                policy.toString());
        assertTrue(ReconnectPolicy.builder().maxAttempts(3).build().toString().endsWith("attempts 3]"));
    }

    @Test
    void connectOptionsNeedAWebSocketSchemeAndDescribeThemselves() throws UnknownHostException {
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.of(URI.create("//127.0.0.1/chat")));
        assertEquals("ConnectOptions[ws://127.0.0.1/chat, 1 extra headers, subprotocols [chat.v1]]",
                ConnectOptions.builder(URI_).header("Origin", "https://example.com").subprotocols("chat.v1").build()
                        .toString());
        assertEquals("ConnectOptions[ws://127.0.0.1/chat, 0 extra headers, subprotocols [], from 127.0.0.2]",
                ConnectOptions.builder(URI_).localAddress(InetAddress.getByName("127.0.0.2")).build().toString());
    }

    @Test
    void aRedirectIsFollowedOnlyToAWebSocketOrHttpLocationAndNeverFromTlsToPlainText() {
        ConnectOptions secure = ConnectOptions.of(URI.create("wss://127.0.0.1/chat"));
        assertEquals(Optional.empty(), secure.redirectedTo("ws://127.0.0.1/chat"));
        assertEquals(Optional.empty(), secure.redirectedTo("http://127.0.0.1/chat"));
        assertEquals(URI.create("wss://127.0.0.1/v2/chat"), secure.redirectedTo("https://127.0.0.1/v2/chat")
                .orElseThrow().uri());
        assertEquals(Optional.empty(), secure.redirectedTo("ftp://127.0.0.1/chat"));
        assertEquals(Optional.empty(), secure.redirectedTo("not a uri"));
        assertEquals(URI.create("ws://127.0.0.1/v2"), ConnectOptions.of(URI_).redirectedTo("/v2").orElseThrow().uri());
    }

    @Test
    void aHandshakeFailureWithoutAReadableResponseHasNoStatusHeadersOrLocation() {
        HandshakeResponseException failure = new HandshakeResponseException(Reason.INVALID_RESPONSE, URI_,
                "malformed", null, null);
        assertEquals(Optional.empty(), failure.response());
        assertEquals(0, failure.status());
        assertTrue(failure.headers().fields().isEmpty());
        assertEquals(Optional.empty(), failure.location());
    }

    @Test
    void onlyARedirectHasALocation() throws HttpParseException {
        assertEquals(Optional.of("/elsewhere"), failureWith("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\n\r\n")
                .location());
        // 304 is a 3xx status but not a redirect (RFC 9110 §15.4.5)
        assertEquals(Optional.empty(), failureWith("HTTP/1.1 304 Not Modified\r\nLocation: /elsewhere\r\n\r\n")
                .location());
        assertEquals(Optional.empty(), failureWith("HTTP/1.1 404 Not Found\r\nLocation: /elsewhere\r\n\r\n")
                .location());
        HandshakeResponseException notFound = failureWith("HTTP/1.1 404 Not Found\r\nX-Why: gone\r\n\r\n");
        assertEquals(404, notFound.status());
        assertEquals(Optional.of("gone"), notFound.headers().first("X-Why"));
        assertTrue(notFound.response().isPresent());
    }

    private static HandshakeResponseException failureWith(String head) throws HttpParseException {
        HttpResponseParser parser = new HttpResponseParser();
        assertTrue(parser.parse(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1))));
        HttpResponseHead response = parser.result();
        return new HandshakeResponseException(Reason.UNEXPECTED_STATUS, URI_, "status " + response.status(),
                response, null);
    }
}
