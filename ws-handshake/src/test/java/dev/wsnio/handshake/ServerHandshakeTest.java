package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerHandshakeTest {

    private static final String GET = "GET /chat HTTP/1.1";
    private static final String HOST = "Host: server.example.com";
    private static final String UPGRADE = "Upgrade: websocket";
    private static final String CONNECTION = "Connection: Upgrade";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
    private static final String VERSION = "Sec-WebSocket-Version: 13";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 51000);

    private static HttpRequestHead head(String... lines) throws HttpParseException {
        return Heads.request(String.join("\n", lines) + "\n\n");
    }

    /** A valid handshake request with extra header lines. */
    private static HttpRequestHead valid(String... extraLines) throws HttpParseException {
        List<String> lines = new ArrayList<>(List.of(GET, HOST, UPGRADE, CONNECTION, KEY, VERSION));
        lines.addAll(Arrays.asList(extraLines));
        return head(lines.toArray(String[]::new));
    }

    private static AcceptedHandshake accept(ServerHandshake handshake, HttpRequestHead head)
            throws HandshakeRejectedException {
        return handshake.accept(head, PEER);
    }

    private static RejectionReason rejection(ServerHandshake handshake, HttpRequestHead head) {
        return assertThrows(HandshakeRejectedException.class, () -> handshake.accept(head, PEER)).reason();
    }

    private static RejectionReason rejection(HttpRequestHead head) {
        return rejection(ServerHandshake.builder().build(), head);
    }

    @Test
    void answersTheRfc6455ExampleWithItsResponse() throws Exception {
        // RFC 6455 §1.2 and §1.3
        ServerHandshake handshake = ServerHandshake.builder().subprotocols("chat").build();
        HttpRequestHead head = head(GET, "Host: server.example.com", UPGRADE, CONNECTION, KEY,
                "Origin: http://example.com", "Sec-WebSocket-Protocol: chat, superchat", VERSION);

        AcceptedHandshake accepted = accept(handshake, head);

        assertEquals("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n"
                + "\r\n", text(accepted.response().toBytes()));
        assertEquals(Optional.of("chat"), accepted.subprotocol());
        assertEquals(List.of(), accepted.extensions());
    }

    @Test
    void exposesTheRequestToTheApplication() throws Exception {
        HttpRequestHead head = head("GET /chat%20room/a%2Fb?uid=ttq123&tag=x&tag=y+z HTTP/1.1", HOST, UPGRADE,
                CONNECTION, KEY, VERSION, "Origin: https://example.com", "Cookie: session=abc; theme=dark",
                "Sec-WebSocket-Protocol: v2, v1", "Sec-WebSocket-Extensions: x-unknown; a=1, permessage-deflate",
                "X-Custom: one", "x-custom: two");

        HandshakeRequest request = accept(ServerHandshake.builder().build(), head).request();

        assertEquals("GET", request.method());
        assertEquals("/chat%20room/a%2Fb", request.rawPath());
        assertEquals("/chat room/a/b", request.path());
        assertEquals(Optional.of("uid=ttq123&tag=x&tag=y+z"), request.rawQuery());
        assertEquals(Optional.of("ttq123"), request.queryParameters().first("uid"));
        assertEquals(List.of("x", "y z"), request.queryParameters().all("tag"));
        assertEquals(List.of("one", "two"), request.headers().all("X-CUSTOM"));
        assertEquals(Optional.of("abc"), request.cookies().first("session"));
        assertEquals(Optional.of("dark"), request.cookies().first("theme"));
        assertEquals(Optional.of("https://example.com"), request.origin());
        assertEquals(List.of("v2", "v1"), request.subprotocols());
        assertEquals(List.of(new WebSocketExtension("x-unknown", ExtensionParameters.empty().with("a", "1")),
                WebSocketExtension.of("permessage-deflate")), request.extensions());
        assertEquals(Optional.of(PEER), request.remoteAddress());
        assertEquals(head, request.head());
    }

    @Test
    void reportsNoRemoteAddressWhenTheTransportGaveNone() throws Exception {
        assertEquals(Optional.empty(), ServerHandshake.builder().build().accept(valid(), null).request().remoteAddress());
    }

    @Test
    void rejectsOtherMethodsWith405AndAllowGet() throws Exception {
        HandshakeRejectedException rejected = assertThrows(HandshakeRejectedException.class,
                () -> accept(ServerHandshake.builder().build(),
                        head("POST /chat HTTP/1.1", HOST, UPGRADE, CONNECTION, KEY, VERSION)));

        assertEquals(RejectionReason.METHOD_NOT_ALLOWED, rejected.reason());
        assertEquals("HTTP/1.1 405 Method Not Allowed\r\n"
                + "Connection: close\r\n"
                + "Allow: GET\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 28\r\n"
                + "\r\n"
                + "WebSocket handshakes use GET", text(rejected.toBytes()));
    }

    @Test
    void rejectsHttp10With400() throws Exception {
        HttpRequestHead head = head("GET /chat HTTP/1.0", HOST, UPGRADE, CONNECTION, KEY, VERSION);

        assertEquals(RejectionReason.HTTP_1_1_REQUIRED, rejection(head));
        assertEquals(400, RejectionReason.HTTP_1_1_REQUIRED.status());
    }

    @Test
    void rejectsMissingHostWith400BeforeTheHandshakeSeesIt() {
        // §4.2.1 item 2 is enforced by the parser (RFC 9112 §3.2), for every request
        HttpRequestParser parser = new HttpRequestParser();
        HttpParseException e = assertThrows(HttpParseException.class, () -> parser.parse(Heads.buffer(
                Heads.crlf(String.join("\n", GET, UPGRADE, CONNECTION, KEY, VERSION) + "\n\n"))));

        assertEquals(HttpParseError.MISSING_HOST, e.error());
        assertEquals(400, e.toResponse().status());
        assertEquals(Optional.of("close"), e.toResponse().headers().first("Connection"));
    }

    @Test
    void rejectsAnOversizedHeadWith431() {
        HttpRequestParser parser = new HttpRequestParser();
        String head = Heads.crlf(String.join("\n", GET, HOST, UPGRADE, CONNECTION, KEY, VERSION,
                "Cookie: " + "a".repeat(8100)) + "\n\n");

        HttpParseException e = assertThrows(HttpParseException.class, () -> parser.parse(Heads.buffer(head)));

        assertEquals(431, e.toResponse().status());
    }

    @Test
    void rejectsAnotherMajorHttpVersionWith505() {
        HttpRequestParser parser = new HttpRequestParser();

        HttpParseException e = assertThrows(HttpParseException.class,
                () -> parser.parse(Heads.buffer("GET /chat HTTP/3.0\r\nHost: a\r\n\r\n")));

        assertEquals(505, e.toResponse().status());
    }

    @Test
    void answersAPlainHttpRequestWith426UpgradeRequired() throws Exception {
        HandshakeRejectedException rejected = assertThrows(HandshakeRejectedException.class,
                () -> accept(ServerHandshake.builder().build(), head(GET, HOST)));

        assertEquals(RejectionReason.UPGRADE_REQUIRED, rejected.reason());
        HttpResponse response = rejected.toResponse();
        assertEquals(426, response.status());
        assertEquals(Optional.of("websocket"), response.headers().first("Upgrade"));
        assertEquals(Optional.of("13"), response.headers().first("Sec-WebSocket-Version"));
        assertTrue(response.headers().containsToken("Connection", "upgrade"));
        assertTrue(response.headers().containsToken("Connection", "close"));
    }

    @Test
    void rejectsAnUpgradeToAnotherProtocolWith426() throws Exception {
        assertEquals(RejectionReason.UPGRADE_REQUIRED,
                rejection(head(GET, HOST, "Upgrade: h2c", CONNECTION, KEY, VERSION)));
    }

    @Test
    void rejectsAConnectionHeaderWithoutUpgradeWith400() throws Exception {
        assertEquals(RejectionReason.MISSING_CONNECTION_UPGRADE,
                rejection(head(GET, HOST, UPGRADE, "Connection: keep-alive", KEY, VERSION)));
        assertEquals(RejectionReason.MISSING_CONNECTION_UPGRADE, rejection(head(GET, HOST, UPGRADE, KEY, VERSION)));
        assertEquals(RejectionReason.MISSING_CONNECTION_UPGRADE,
                rejection(head(GET, HOST, UPGRADE, "Connection: upgraded", KEY, VERSION)));
        assertEquals(400, RejectionReason.MISSING_CONNECTION_UPGRADE.status());
    }

    @Test
    void readsUpgradeAndConnectionAsTokensInAnyCaseOverSeveralLines() throws Exception {
        HttpRequestHead head = head(GET, HOST, "Upgrade: WebSocket", "Connection: keep-alive",
                "connection: UPGRADE", KEY, VERSION);

        assertEquals(101, accept(ServerHandshake.builder().build(), head).response().status());
        assertEquals(101, accept(ServerHandshake.builder().build(),
                head(GET, HOST, "Upgrade: websocket", "Connection: keep-alive, Upgrade", KEY, VERSION))
                .response().status());
    }

    @Test
    void rejectsOtherWebSocketVersionsWith426AndVersion13() throws Exception {
        HandshakeRejectedException rejected = assertThrows(HandshakeRejectedException.class,
                () -> accept(ServerHandshake.builder().build(),
                        head(GET, HOST, UPGRADE, CONNECTION, KEY, "Sec-WebSocket-Version: 8")));

        assertEquals(RejectionReason.UNSUPPORTED_VERSION, rejected.reason());
        assertEquals(426, rejected.status());
        assertEquals(Optional.of("13"), rejected.toResponse().headers().first("Sec-WebSocket-Version"));
    }

    @Test
    void rejectsAMissingOrRepeatedVersionWith426() throws Exception {
        assertEquals(RejectionReason.UNSUPPORTED_VERSION, rejection(head(GET, HOST, UPGRADE, CONNECTION, KEY)));
        assertEquals(RejectionReason.UNSUPPORTED_VERSION,
                rejection(head(GET, HOST, UPGRADE, CONNECTION, KEY, "Sec-WebSocket-Version: 13, 8")));
        assertEquals(RejectionReason.UNSUPPORTED_VERSION, rejection(head(GET, HOST, UPGRADE, CONNECTION, KEY,
                VERSION, VERSION)));
    }

    @Test
    void rejectsAMissingMalformedOrRepeatedKeyWith400() throws Exception {
        for (List<String> keyLines : List.of(
                List.<String>of(),
                List.of("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ"),
                List.of("Sec-WebSocket-Key: c2hvcnQ="),
                List.of("Sec-WebSocket-Key: not base64 at all!!!!!!"),
                List.of(KEY, KEY))) {
            List<String> lines = new ArrayList<>(List.of(GET, HOST, UPGRADE, CONNECTION, VERSION));
            lines.addAll(keyLines);
            HttpRequestHead head = head(lines.toArray(String[]::new));

            assertEquals(RejectionReason.INVALID_KEY, rejection(head), keyLines.toString());
        }
        assertEquals(400, RejectionReason.INVALID_KEY.status());
    }

    @Test
    void acceptsAKeySurroundedByWhitespace() throws Exception {
        HttpRequestHead head = head(GET, HOST, UPGRADE, CONNECTION, "Sec-WebSocket-Key:   dGhlIHNhbXBsZSBub25jZQ==  ",
                VERSION);

        assertEquals(Optional.of(ACCEPT),
                accept(ServerHandshake.builder().build(), head).response().headers().first("Sec-WebSocket-Accept"));
    }

    @Test
    void rejectsARefusedOriginWith403() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder()
                .originPolicy(OriginPolicy.allowOnly("https://example.com"))
                .build();

        HandshakeRejectedException rejected = assertThrows(HandshakeRejectedException.class,
                () -> accept(handshake, valid("Origin: https://evil.example")));

        assertEquals(RejectionReason.ORIGIN_REFUSED, rejected.reason());
        assertEquals(403, rejected.toResponse().status());
        assertEquals(RejectionReason.ORIGIN_REFUSED, rejection(handshake, valid()));
        assertEquals(101, accept(handshake, valid("Origin: https://EXAMPLE.com")).response().status());
    }

    @Test
    void acceptsAMissingOriginWhenThePolicyAllowsIt() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder()
                .originPolicy(OriginPolicy.allowOnly("https://example.com").allowingMissingOrigin())
                .build();

        assertEquals(Optional.empty(), accept(handshake, valid()).request().origin());
    }

    @Test
    void rejectsTwoOriginsWith400() throws Exception {
        assertEquals(RejectionReason.DUPLICATE_ORIGIN,
                rejection(valid("Origin: https://a.example", "Origin: https://b.example")));
    }

    @Test
    void rejectsARequestThatAnnouncesABodyWith400() throws Exception {
        assertEquals(RejectionReason.REQUEST_BODY_NOT_ALLOWED, rejection(valid("Content-Length: 5")));
        assertEquals(RejectionReason.REQUEST_BODY_NOT_ALLOWED, rejection(valid("Transfer-Encoding: chunked")));
        assertEquals(101, accept(ServerHandshake.builder().build(), valid("Content-Length: 0")).response().status());
    }

    @Test
    void selectsTheServersMostPreferredSubprotocolAmongTheOffers() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder().subprotocols("v3", "v2", "v1").build();

        AcceptedHandshake accepted = accept(handshake, valid("Sec-WebSocket-Protocol: v1, v2", "Sec-WebSocket-Protocol: x"));

        assertEquals(Optional.of("v2"), accepted.subprotocol());
        assertEquals(Optional.of("v2"), accepted.response().headers().first("Sec-WebSocket-Protocol"));
    }

    @Test
    void selectsNoSubprotocolAndSendsNoHeaderWhenNoneMatches() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder().subprotocols("chat").build();

        for (HttpRequestHead head : List.of(valid(), valid("Sec-WebSocket-Protocol: Chat, other"))) {
            AcceptedHandshake accepted = accept(handshake, head);
            assertEquals(Optional.empty(), accepted.subprotocol());
            assertFalse(accepted.response().headers().contains("Sec-WebSocket-Protocol"));
        }
    }

    @Test
    void rejectsSubprotocolOffersThatAreNotTokensWith400() throws Exception {
        assertEquals(RejectionReason.INVALID_SUBPROTOCOL, rejection(valid("Sec-WebSocket-Protocol: chat, a b")));
        assertEquals(RejectionReason.INVALID_SUBPROTOCOL, rejection(valid("Sec-WebSocket-Protocol: \"chat\"")));
    }

    @Test
    void refusesAServerSubprotocolListThatIsNotDistinctTokens() {
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.builder().subprotocols("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshake.builder().subprotocols("a b"));
    }

    @Test
    void declinesUnknownExtensionsWithoutEchoingThem() throws Exception {
        AcceptedHandshake accepted = accept(ServerHandshake.builder().build(),
                valid("Sec-WebSocket-Extensions: x-unknown; a=1"));

        assertEquals(List.of(), accepted.extensions());
        assertFalse(accepted.response().headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void acceptsAnExtensionWithTheNegotiatorsParameters() throws Exception {
        FakeServerNegotiator deflate = FakeServerNegotiator.accepting("permessage-deflate",
                ExtensionParameters.empty().with("server_no_context_takeover"), ReservedBit.RSV1);
        ServerHandshake handshake = ServerHandshake.builder().extensions(deflate).build();

        AcceptedHandshake accepted = accept(handshake, valid(
                "Sec-WebSocket-Extensions: x-unknown, PerMessage-Deflate; client_max_window_bits",
                "Sec-WebSocket-Extensions: permessage-deflate"));

        assertEquals(List.of(List.of(ExtensionParameters.empty().with("client_max_window_bits"),
                ExtensionParameters.empty())), deflate.calls);
        assertEquals(List.of(new WebSocketExtension("permessage-deflate",
                ExtensionParameters.empty().with("server_no_context_takeover"))), accepted.extensions());
        assertEquals(Optional.of("permessage-deflate; server_no_context_takeover"),
                accepted.response().headers().first("Sec-WebSocket-Extensions"));
    }

    @Test
    void neverAcceptsTwoExtensionsThatClaimTheSameReservedBit() throws Exception {
        FakeServerNegotiator first = FakeServerNegotiator.accepting("x-first", ExtensionParameters.empty(),
                ReservedBit.RSV1);
        FakeServerNegotiator second = FakeServerNegotiator.accepting("x-second", ExtensionParameters.empty(),
                ReservedBit.RSV1, ReservedBit.RSV2);
        FakeServerNegotiator third = FakeServerNegotiator.accepting("x-third", ExtensionParameters.empty(),
                ReservedBit.RSV2);
        ServerHandshake handshake = ServerHandshake.builder().extensions(third, second, first).build();

        AcceptedHandshake accepted = accept(handshake, valid("Sec-WebSocket-Extensions: x-first, x-second, x-third"));

        assertEquals(List.of(WebSocketExtension.of("x-first"), WebSocketExtension.of("x-third")), accepted.extensions());
        assertEquals(List.of(), second.calls);
        assertEquals(Optional.of("x-first, x-third"), accepted.response().headers().first("Sec-WebSocket-Extensions"));
    }

    @Test
    void asksTheNextCandidateWhenAConflictingOneDeclined() throws Exception {
        FakeServerNegotiator declining = FakeServerNegotiator.declining("x-first", ReservedBit.RSV1);
        FakeServerNegotiator accepting = FakeServerNegotiator.accepting("x-second", ExtensionParameters.empty(),
                ReservedBit.RSV1);
        ServerHandshake handshake = ServerHandshake.builder().extensions(declining, accepting).build();

        AcceptedHandshake accepted = accept(handshake, valid("Sec-WebSocket-Extensions: x-first, x-second"));

        assertEquals(1, declining.calls.size());
        assertEquals(List.of(WebSocketExtension.of("x-second")), accepted.extensions());
    }

    @Test
    void rejectsAMalformedExtensionHeaderWith400() throws Exception {
        assertEquals(RejectionReason.INVALID_EXTENSION, rejection(valid("Sec-WebSocket-Extensions: a; b=\"x y\"")));
        assertEquals(400, RejectionReason.INVALID_EXTENSION.status());
    }

    @Test
    void rejectsAnOfferItsNegotiatorFindsMalformedWith400() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder()
                .extensions(FakeServerNegotiator.findingOffersMalformed("x-strict"))
                .build();

        HandshakeRejectedException rejected = assertThrows(HandshakeRejectedException.class,
                () -> accept(handshake, valid("Sec-WebSocket-Extensions: x-strict; bogus")));

        assertEquals(RejectionReason.INVALID_EXTENSION, rejected.reason());
        assertTrue(rejected.getCause() instanceof ExtensionNegotiationException);
    }

    @Test
    void refusesTwoNegotiatorsForOneExtension() {
        ServerHandshake.Builder builder = ServerHandshake.builder().extensions(
                FakeServerNegotiator.declining("x-a"), FakeServerNegotiator.declining("X-A"));

        assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void rendersNoRouteAs404() {
        HttpResponse response = new HandshakeRejectedException(RejectionReason.NOT_FOUND).toResponse();

        assertEquals(404, response.status());
        assertEquals("Not Found", response.reasonPhrase());
    }

    @Test
    void rendersEveryRejectionAsAClosingPlainTextResponseWithItsStatus() throws HttpParseException {
        for (RejectionReason reason : RejectionReason.values()) {
            HandshakeRejectedException rejected = new HandshakeRejectedException(reason);
            HttpResponseParser parser = new HttpResponseParser();
            ByteBuffer bytes = ByteBuffer.wrap(rejected.toBytes());
            assertTrue(parser.parse(bytes), reason.name());
            HttpResponseHead response = parser.result();

            assertEquals(reason.status(), response.status(), reason.name());
            assertEquals(HttpStatus.reasonPhrase(reason.status()), response.reasonPhrase());
            assertTrue(response.headers().containsToken("Connection", "close"), reason.name());
            assertEquals(Optional.of("text/plain; charset=utf-8"), response.headers().first("Content-Type"));
            assertEquals(Optional.of(Integer.toString(bytes.remaining())), response.headers().first("Content-Length"));
            assertEquals(reason.description(), new String(rejected.toResponse().body(), StandardCharsets.UTF_8));
            assertEquals(reason.status(), rejected.status());
            assertEquals(reason.description(), rejected.body());
        }
    }
}
