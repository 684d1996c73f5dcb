package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClientHandshakeTest {

    private static ClientHandshake.Builder builder(String uri) {
        return ClientHandshake.builder(URI.create(uri));
    }

    /** A response head: the status line, then header lines. */
    private static HttpResponseHead response(String statusLine, String... headerLines) throws HttpParseException {
        List<String> lines = new ArrayList<>(List.of(statusLine));
        lines.addAll(Arrays.asList(headerLines));
        return Heads.response(String.join("\n", lines) + "\n\n");
    }

    /** A valid 101 for this handshake, with extra header lines. */
    private static HttpResponseHead switching(ClientHandshake handshake, String... extraLines) throws HttpParseException {
        List<String> lines = new ArrayList<>(List.of("Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Accept: " + handshake.key().acceptValue()));
        lines.addAll(Arrays.asList(extraLines));
        return response("HTTP/1.1 101 Switching Protocols", lines.toArray(String[]::new));
    }

    private static HandshakeFailedException failure(ClientHandshake handshake, HttpResponseHead response) {
        return assertThrows(HandshakeFailedException.class, () -> handshake.verify(response));
    }

    @Test
    void writesTheRequestOfRfc6455Section41() throws HttpParseException {
        ClientHandshake handshake = builder("ws://server.example.com/chat?room=1").build();

        HttpRequestParser parser = new HttpRequestParser();
        assertTrue(parser.parse(ByteBuffer.wrap(handshake.requestBytes())));
        HttpRequestHead request = parser.result();

        assertEquals("GET /chat?room=1 HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + handshake.key().value() + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n", text(handshake.requestBytes()));
        assertEquals(handshake.requestHeaders(), request.headers());
        assertTrue(WebSocketKey.parse(handshake.key().value()).isPresent());
    }

    @Test
    void usesAFreshKeyForEveryHandshake() {
        ClientHandshake.Builder builder = builder("ws://h/");

        assertNotEquals(builder.build().key(), builder.build().key());
    }

    @Test
    void offersSubprotocolsExtensionsAndExtraHeadersAfterItsOwn() {
        FakeClientNegotiator deflate = new FakeClientNegotiator("permessage-deflate", List.of(
                ExtensionParameters.empty().with("client_max_window_bits"), ExtensionParameters.empty()),
                ReservedBit.RSV1);
        ClientHandshake handshake = builder("wss://example.com:8443/feed")
                .subprotocols("v2.chat", "v1.chat")
                .extensions(deflate)
                .header("Origin", "https://example.com")
                .header("Authorization", "Bearer abc")
                .header("Cookie", "session=1")
                .header("User-Agent", "wsnio-test")
                .build();
        HttpHeaders headers = handshake.requestHeaders();

        assertEquals(Optional.of("example.com:8443"), headers.first("Host"));
        assertEquals(Optional.of("v2.chat, v1.chat"), headers.first("Sec-WebSocket-Protocol"));
        assertEquals(Optional.of("permessage-deflate; client_max_window_bits, permessage-deflate"),
                headers.first("Sec-WebSocket-Extensions"));
        assertEquals(List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin", "Authorization", "Cookie",
                "User-Agent"), headers.fields().stream().map(HttpField::name).toList());
    }

    @Test
    void refusesHeadersTheHandshakeSetsItself() {
        for (String name : List.of("Host", "upgrade", "CONNECTION", "Sec-WebSocket-Key", "sec-websocket-version",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept", "Content-Length",
                "Transfer-Encoding")) {
            assertThrows(IllegalArgumentException.class, () -> builder("ws://h/").header(name, "x"), name);
        }
    }

    @Test
    void refusesInvalidHeadersSubprotocolsAndDuplicateNegotiators() {
        assertThrows(IllegalArgumentException.class, () -> builder("ws://h/").header("X-Evil", "a\r\nHost: b"));
        assertThrows(IllegalArgumentException.class, () -> builder("ws://h/").subprotocols("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> builder("ws://h/").subprotocols("a,b"));
        FakeClientNegotiator one = new FakeClientNegotiator("x", List.of(ExtensionParameters.empty()));
        FakeClientNegotiator two = new FakeClientNegotiator("X", List.of(ExtensionParameters.empty()));
        assertThrows(IllegalArgumentException.class, () -> builder("ws://h/").extensions(one, two));
    }

    @Test
    void refusesUrisThatAreNotWebSocketUris() {
        assertThrows(IllegalArgumentException.class, () -> builder("https://h/"));
        assertThrows(IllegalArgumentException.class, () -> builder("ws://h/#fragment"));
    }

    @Test
    void completesWithAValidResponse() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();

        CompletedHandshake completed = handshake.verify(switching(handshake));

        assertEquals(101, completed.response().status());
        assertEquals(Optional.empty(), completed.subprotocol());
        assertEquals(List.of(), completed.extensions());
    }

    @Test
    void acceptsUpgradeAndConnectionInAnyCase() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        HttpResponseHead response = response("HTTP/1.1 101 Switching Protocols", "Upgrade: WebSocket",
                "Connection: keep-alive, UPGRADE", "Sec-WebSocket-Accept: " + handshake.key().acceptValue());

        assertEquals(101, handshake.verify(response).response().status());
    }

    @Test
    void reportsAnyOtherStatusWithItsCodeReasonAndHeaders() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        HttpResponseHead response = response("HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Bearer", "Content-Length: 0");

        HandshakeFailedException failed = failure(handshake, response);

        assertEquals(HandshakeFailure.UNEXPECTED_STATUS, failed.reason());
        assertEquals(OptionalInt.of(401), failed.status());
        assertEquals("Unauthorized", failed.response().orElseThrow().reasonPhrase());
        assertEquals(Optional.of("Bearer"), failed.response().orElseThrow().headers().first("WWW-Authenticate"));
        assertEquals(Optional.empty(), failed.redirectLocation());
    }

    @Test
    void reportsARedirectWithItsLocationWithoutFollowingIt() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();

        HandshakeFailedException failed = failure(handshake,
                response("HTTP/1.1 301 Moved Permanently", "Location: wss://h/"));

        assertEquals(HandshakeFailure.UNEXPECTED_STATUS, failed.reason());
        assertEquals(Optional.of("wss://h/"), failed.redirectLocation());
    }

    @Test
    void reportsAServersVersionRefusal() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        HttpResponseHead refusal = Heads.response(Heads.text(
                new HandshakeRejectedException(RejectionReason.UNSUPPORTED_VERSION).toResponse().headBytes())
                .replace("\r\n", "\n"));

        HandshakeFailedException failed = failure(handshake, refusal);

        assertEquals(OptionalInt.of(426), failed.status());
        assertEquals(Optional.of("13"), failed.response().orElseThrow().headers().first("Sec-WebSocket-Version"));
    }

    @Test
    void failsWhenUpgradeIsMissingOrNotWebsocket() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        String accept = "Sec-WebSocket-Accept: " + handshake.key().acceptValue();

        for (List<String> upgrade : List.of(List.<String>of(), List.of("Upgrade: h2c"),
                List.of("Upgrade: websocket, h2c"), List.of("Upgrade: websocket/13"))) {
            List<String> lines = new ArrayList<>(upgrade);
            lines.addAll(List.of("Connection: Upgrade", accept));
            HttpResponseHead response = response("HTTP/1.1 101 Switching Protocols", lines.toArray(String[]::new));
            assertEquals(HandshakeFailure.MISSING_UPGRADE, failure(handshake, response).reason(), upgrade.toString());
        }
    }

    @Test
    void failsWhenConnectionLacksTheUpgradeToken() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        String accept = "Sec-WebSocket-Accept: " + handshake.key().acceptValue();

        assertEquals(HandshakeFailure.BAD_CONNECTION_HEADER, failure(handshake,
                response("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", accept)).reason());
        assertEquals(HandshakeFailure.BAD_CONNECTION_HEADER, failure(handshake,
                response("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: close", accept))
                .reason());
    }

    @Test
    void failsWhenTheAcceptValueIsWrongMissingOrRepeated() throws Exception {
        ClientHandshake handshake = builder("ws://h/").build();
        String good = "Sec-WebSocket-Accept: " + handshake.key().acceptValue();
        String other = "Sec-WebSocket-Accept: " + WebSocketKey.random().acceptValue();

        for (List<String> accept : List.of(List.<String>of(), List.of(other), List.of(good, good),
                List.of("Sec-WebSocket-Accept: " + handshake.key().acceptValue().toLowerCase()))) {
            List<String> lines = new ArrayList<>(List.of("Upgrade: websocket", "Connection: Upgrade"));
            lines.addAll(accept);
            HttpResponseHead response = response("HTTP/1.1 101 Switching Protocols", lines.toArray(String[]::new));
            HandshakeFailedException failed = failure(handshake, response);
            assertEquals(HandshakeFailure.BAD_ACCEPT, failed.reason(), accept.toString());
            assertEquals(OptionalInt.of(101), failed.status());
        }
    }

    @Test
    void acceptsTheSubprotocolItOffered() throws Exception {
        ClientHandshake handshake = builder("ws://h/").subprotocols("v2", "v1").build();

        assertEquals(Optional.of("v1"), handshake.verify(switching(handshake, "Sec-WebSocket-Protocol: v1")).subprotocol());
        assertEquals(Optional.empty(), handshake.verify(switching(handshake)).subprotocol());
    }

    @Test
    void failsOnASubprotocolItDidNotOffer() throws Exception {
        ClientHandshake offering = builder("ws://h/").subprotocols("v2", "v1").build();
        ClientHandshake silent = builder("ws://h/").build();

        for (String line : List.of("Sec-WebSocket-Protocol: v3", "Sec-WebSocket-Protocol: V1",
                "Sec-WebSocket-Protocol: v1, v2", "Sec-WebSocket-Protocol:")) {
            assertEquals(HandshakeFailure.UNEXPECTED_SUBPROTOCOL, failure(offering, switching(offering, line)).reason(),
                    line);
        }
        assertEquals(HandshakeFailure.UNEXPECTED_SUBPROTOCOL, failure(offering,
                switching(offering, "Sec-WebSocket-Protocol: v1", "Sec-WebSocket-Protocol: v1")).reason());
        assertEquals(HandshakeFailure.UNEXPECTED_SUBPROTOCOL,
                failure(silent, switching(silent, "Sec-WebSocket-Protocol: v1")).reason());
    }

    @Test
    void acceptsAnOfferedExtensionAfterItsNegotiatorChecksIt() throws Exception {
        FakeClientNegotiator deflate = new FakeClientNegotiator("permessage-deflate",
                List.of(ExtensionParameters.empty()), ReservedBit.RSV1);
        ClientHandshake handshake = builder("ws://h/").extensions(deflate).build();

        CompletedHandshake completed = handshake.verify(switching(handshake,
                "Sec-WebSocket-Extensions: Permessage-Deflate; server_no_context_takeover"));

        assertEquals(List.of(new WebSocketExtension("Permessage-Deflate",
                ExtensionParameters.empty().with("server_no_context_takeover"))), completed.extensions());
        assertEquals(List.of(ExtensionParameters.empty().with("server_no_context_takeover")), deflate.responses);
    }

    @Test
    void failsOnAnExtensionItDidNotOffer() throws Exception {
        ClientHandshake silent = builder("ws://h/").build();

        assertEquals(HandshakeFailure.UNEXPECTED_EXTENSION,
                failure(silent, switching(silent, "Sec-WebSocket-Extensions: permessage-deflate")).reason());
    }

    @Test
    void failsOnAnExtensionAcceptedTwiceOrTwoOnOneReservedBit() throws Exception {
        FakeClientNegotiator a = new FakeClientNegotiator("x-a", List.of(ExtensionParameters.empty()), ReservedBit.RSV1);
        FakeClientNegotiator b = new FakeClientNegotiator("x-b", List.of(ExtensionParameters.empty()), ReservedBit.RSV1);
        FakeClientNegotiator c = new FakeClientNegotiator("x-c", List.of(ExtensionParameters.empty()), ReservedBit.RSV3);
        ClientHandshake handshake = builder("ws://h/").extensions(a, b, c).build();

        assertEquals(HandshakeFailure.UNEXPECTED_EXTENSION,
                failure(handshake, switching(handshake, "Sec-WebSocket-Extensions: x-a, x-a")).reason());
        assertEquals(HandshakeFailure.UNEXPECTED_EXTENSION,
                failure(handshake, switching(handshake, "Sec-WebSocket-Extensions: x-a", "Sec-WebSocket-Extensions: x-b"))
                        .reason());
        assertEquals(2, handshake.verify(switching(handshake, "Sec-WebSocket-Extensions: x-c, x-b")).extensions().size());
    }

    @Test
    void failsWhenItsNegotiatorRefusesTheResponse() throws Exception {
        ClientHandshake handshake = builder("ws://h/")
                .extensions(new FakeClientNegotiator("x-a", List.of(ExtensionParameters.empty())))
                .build();

        HandshakeFailedException failed = failure(handshake, switching(handshake, "Sec-WebSocket-Extensions: x-a; refused"));

        assertEquals(HandshakeFailure.UNACCEPTABLE_EXTENSION, failed.reason());
        assertTrue(failed.getCause() instanceof ExtensionNegotiationException);
    }

    @Test
    void failsOnAMalformedExtensionHeader() throws Exception {
        ClientHandshake handshake = builder("ws://h/")
                .extensions(new FakeClientNegotiator("x-a", List.of(ExtensionParameters.empty())))
                .build();

        assertEquals(HandshakeFailure.MALFORMED_RESPONSE,
                failure(handshake, switching(handshake, "Sec-WebSocket-Extensions: x-a;")).reason());
    }

    @Test
    void reportsAnUnparsableResponseAsMalformed() {
        HttpResponseParser parser = new HttpResponseParser();
        HttpParseException parseError = assertThrows(HttpParseException.class,
                () -> parser.parse(Heads.buffer("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n")));

        HandshakeFailedException failed = HandshakeFailedException.malformedResponse(parseError);

        assertEquals(HandshakeFailure.MALFORMED_RESPONSE, failed.reason());
        assertEquals(Optional.empty(), failed.response());
        assertEquals(OptionalInt.empty(), failed.status());
        assertEquals(parseError, failed.getCause());
    }

    @Test
    void completesAgainstThisServerWithSubprotocolAndExtension() throws Exception {
        FakeClientNegotiator clientSide = new FakeClientNegotiator("x-zip",
                List.of(ExtensionParameters.empty().with("level", "9"), ExtensionParameters.empty()), ReservedBit.RSV1);
        FakeServerNegotiator serverSide = FakeServerNegotiator.accepting("x-zip",
                ExtensionParameters.empty().with("window", "10"), ReservedBit.RSV1);
        ClientHandshake client = builder("ws://localhost:8080/chat?uid=ttq123")
                .subprotocols("v2", "v1")
                .extensions(clientSide)
                .header("Origin", "http://localhost:8080")
                .build();
        ServerHandshake server = ServerHandshake.builder()
                .originPolicy(OriginPolicy.allowOnly("http://localhost:8080"))
                .subprotocols("v1", "v2")
                .extensions(serverSide)
                .build();

        HttpRequestParser requestParser = new HttpRequestParser();
        assertTrue(requestParser.parse(ByteBuffer.wrap(client.requestBytes())));
        AcceptedHandshake accepted = server.accept(requestParser.result(), null);
        HttpResponseParser responseParser = new HttpResponseParser();
        ByteBuffer fromServer = ByteBuffer.wrap((text(accepted.response().toBytes()) + "\u0081\u0000")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(responseParser.parse(fromServer));
        CompletedHandshake completed = client.verify(responseParser.result());

        assertEquals(Optional.of("ttq123"), accepted.request().queryParameters().first("uid"));
        assertEquals(Optional.of("v1"), accepted.subprotocol());
        assertEquals(accepted.subprotocol(), completed.subprotocol());
        assertEquals(accepted.extensions(), completed.extensions());
        assertEquals(List.of(List.of(ExtensionParameters.empty().with("level", "9"), ExtensionParameters.empty())),
                serverSide.calls);
        assertEquals(2, fromServer.remaining());
        assertFalse(completed.extensions().isEmpty());
    }
}
