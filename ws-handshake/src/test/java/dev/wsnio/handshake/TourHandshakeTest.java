package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.PerMessageDeflateConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake that docs/tour.md shows, as recorded on the wire between headless
 * Chromium and the demo server (docs/tools/WireTap.java): our server handshake, fed Chromium's
 * request, must produce the recorded answer byte for byte, the arithmetic the tour spells out
 * must hold, and the tour must still show these exact lines.
 */
class TourHandshakeTest {

    private static final Path TOUR = Path.of("../docs/tour.md");

    /** Chromium's request, line by line as in the tour (CRLF on the wire). */
    private static final String REQUEST = """
            GET /ws?uid=ttq123 HTTP/1.1
            Host: 127.0.0.1:9000
            Connection: Upgrade
            Pragma: no-cache
            Cache-Control: no-cache
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36
            Upgrade: websocket
            Origin: http://127.0.0.1:9000
            Sec-WebSocket-Version: 13
            Accept-Encoding: gzip, deflate, br, zstd
            Accept-Language: en-US,en;q=0.9
            Sec-WebSocket-Key: gcQFRW8I8Wuv/RZlqQP1nw==
            Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits
            """;
    /** The demo server's answer. */
    private static final String RESPONSE = """
            HTTP/1.1 101 Switching Protocols
            Upgrade: websocket
            Connection: Upgrade
            Sec-WebSocket-Accept: WcjDi9H7Von8UzYHvjjgdp29HKc=
            """;
    /** The greeting frame that arrived in the same TCP chunk as the answer, right behind it. */
    private static final String GREETING_FRAME = "81 51 7B 22 74 79 70 65 22 3A 22 67 72 65 65 74 69 6E 67 22"
            + " 2C 22 75 69 64 22 3A 22 74 74 71 31 32 33 22 2C 22 74 65 78 74 22 3A 22 E4 BD A0 E5 A5 BD 2C 20"
            + " 74 74 71 31 32 33 22 2C 22 70 75 73 68 49 6E 74 65 72 76 61 6C 4D 73 22 3A 36 30 30 30 30 7D";

    private static final String KEY = "gcQFRW8I8Wuv/RZlqQP1nw==";
    private static final String KEY_BYTES = "81 C4 05 45 6F 08 F1 6B AF FD 16 65 A9 03 F5 9F";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String SHA1_OF_KEY_AND_GUID = "59 C8 C3 8B D1 FB 56 89 FC 53 36 07 BE 38 E0 76 9D BD 1C A7";
    private static final String ACCEPT = "WcjDi9H7Von8UzYHvjjgdp29HKc=";
    /** What a server with {@code permessageDeflate()} (the defaults) answers to Chromium's offer. */
    private static final String DEFLATE_ANSWER =
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    @Test
    void ourServerHandshakeAnswersChromiumsRequestWithTheRecordedResponse() throws Exception {
        AcceptedHandshake accepted = ServerHandshake.builder().build().accept(parse(REQUEST), null);

        assertEquals(wire(RESPONSE), new String(accepted.response().toBytes(), StandardCharsets.ISO_8859_1));
        assertEquals(Optional.of("ttq123"), accepted.request().queryParameters().first("uid"));
        assertEquals(Optional.of("http://127.0.0.1:9000"), accepted.request().origin());
        assertEquals(List.of(), accepted.extensions(), "no negotiator: the offer is declined by silence");
    }

    @Test
    void acceptValueIsTheBase64OfTheSha1OfKeyAndGuid() throws NoSuchAlgorithmException {
        HexFormat hex = HexFormat.ofDelimiter(" ").withUpperCase();
        assertEquals(KEY_BYTES, hex.formatHex(Base64.getDecoder().decode(KEY)));
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((KEY + GUID).getBytes(StandardCharsets.US_ASCII));
        assertEquals(SHA1_OF_KEY_AND_GUID, hex.formatHex(sha1));
        assertEquals(ACCEPT, Base64.getEncoder().encodeToString(sha1));
        assertEquals(ACCEPT, WebSocketKey.parse(KEY).orElseThrow().acceptValue());
    }

    @Test
    void serverWithPermessageDeflateAcceptsChromiumsOfferWithoutContextTakeover() throws Exception {
        ServerHandshake handshake = ServerHandshake.builder()
                .extensions(new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS))
                .build();

        AcceptedHandshake accepted = handshake.accept(parse(REQUEST), null);

        assertEquals(Optional.of(DEFLATE_ANSWER), accepted.response().headers().first("Sec-WebSocket-Extensions"));
    }

    @Test
    void firstFrameBehindTheAnswerIsLeftForTheFrameDecoder() throws Exception {
        byte[] head = wire(RESPONSE).getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = HexFormat.ofDelimiter(" ").parseHex(GREETING_FRAME);
        ByteBuffer chunk = ByteBuffer.allocate(head.length + frame.length).put(head).put(frame).flip();
        assertEquals(212, chunk.remaining(), "the size of the TCP chunk the tap saw");

        HttpResponseParser parser = new HttpResponseParser();
        assertTrue(parser.parse(chunk));

        assertEquals(HttpStatus.SWITCHING_PROTOCOLS, parser.result().status());
        assertEquals(ByteBuffer.wrap(frame), chunk, "the parser stopped at the empty line");
    }

    @Test
    void tourShowsExactlyThisHandshake() throws IOException {
        String tour = Files.readString(TOUR);
        for (String shown : List.of(REQUEST, RESPONSE, KEY_BYTES, SHA1_OF_KEY_AND_GUID, ACCEPT, DEFLATE_ANSWER,
                KEY + GUID)) {
            assertTrue(tour.contains(shown), "docs/tour.md no longer shows " + shown);
        }
    }

    private static HttpRequestHead parse(String text) throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        assertTrue(parser.parse(ByteBuffer.wrap(wire(text).getBytes(StandardCharsets.ISO_8859_1))));
        return parser.result();
    }

    /** The lines with CRLF, and the empty line that ends a head. */
    private static String wire(String lines) {
        return lines.replace("\n", "\r\n") + "\r\n";
    }
}
