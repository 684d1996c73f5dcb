package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void serialisesStatusLineHeadersContentLengthAndBody() {
        HttpResponse response = HttpResponse.builder(HttpStatus.OK)
                .header("Cache-Control", "no-store")
                .textBody("héllo")
                .build();

        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 6\r\n"
                + "\r\n"
                + "h\u00c3\u00a9llo", text(response.toBytes()));
    }

    @Test
    void addsAZeroContentLengthWhenThereIsNoBody() {
        HttpResponse response = HttpResponse.builder(HttpStatus.NOT_FOUND).build();

        assertEquals("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", text(response.toBytes()));
    }

    @Test
    void sendsNoContentLengthWith101Or204() {
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
                text(HttpResponse.builder(101).header("Upgrade", "websocket").build().toBytes()));
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n", text(HttpResponse.builder(204).build().toBytes()));
    }

    @Test
    void refusesABodyOnResponsesThatHaveNone() {
        for (int status : new int[] {101, 204, 304}) {
            HttpResponse.Builder builder = HttpResponse.builder(status).textBody("x");
            assertThrows(IllegalStateException.class, builder::build, Integer.toString(status));
        }
    }

    @Test
    void refusesFramingHeadersSetByHand() {
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.builder(200).header("content-length", "5"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.builder(200).header("Transfer-Encoding", "chunked"));
        HttpResponse response = HttpResponse.builder(200).build();
        assertThrows(IllegalArgumentException.class, () -> response.withHeader("Content-Length", "1"));
    }

    @Test
    void refusesStatusCodesOutOfRangeAndBadReasonPhrases() {
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.builder(99));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.builder(600));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.builder(200).reasonPhrase("OK\r\nX: y"));
    }

    @Test
    void usesACustomReasonPhraseAndAnEmptyOneForUnknownCodes() {
        assertEquals("HTTP/1.1 200 Fine\r\nContent-Length: 0\r\n\r\n",
                text(HttpResponse.builder(200).reasonPhrase("Fine").build().toBytes()));
        assertEquals("HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n", text(HttpResponse.builder(299).build().toBytes()));
    }

    @Test
    void headBytesOmitTheBodyButKeepItsLength() {
        HttpResponse response = HttpResponse.builder(200).body("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build();

        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n",
                text(response.headBytes()));
    }

    @Test
    void aSecondBodyReplacesTheFirstAndItsContentType() {
        HttpResponse response = HttpResponse.builder(200)
                .textBody("first")
                .body("application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .build();

        assertEquals(List.of("application/json"), response.headers().all("Content-Type"));
        assertEquals(Optional.of("2"), response.headers().first("Content-Length"));
    }

    @Test
    void byteBufferHoldsTheSameBytes() {
        HttpResponse response = HttpResponse.builder(200).textBody("x").build();
        ByteBuffer buffer = response.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        assertArrayEquals(response.toBytes(), bytes);
    }

    @Test
    void withHeaderReturnsACopyWithTheHeaderAdded() {
        HttpResponse original = HttpResponse.builder(101).build();
        HttpResponse withCookie = original.withHeader("Set-Cookie", "a=b");

        assertEquals(Optional.empty(), original.headers().first("Set-Cookie"));
        assertEquals(Optional.of("a=b"), withCookie.headers().first("Set-Cookie"));
        assertEquals(101, withCookie.status());
    }

    @Test
    void bodyIsACopy() {
        byte[] content = {1, 2, 3};
        HttpResponse response = HttpResponse.builder(200).body("application/octet-stream", content).build();
        content[0] = 9;
        response.body()[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, response.body());
    }

    @Test
    void knowsTheStandardReasonPhrases() {
        assertEquals("Switching Protocols", HttpStatus.reasonPhrase(101));
        assertEquals("Bad Request", HttpStatus.reasonPhrase(400));
        assertEquals("Forbidden", HttpStatus.reasonPhrase(403));
        assertEquals("Not Found", HttpStatus.reasonPhrase(404));
        assertEquals("Method Not Allowed", HttpStatus.reasonPhrase(405));
        assertEquals("URI Too Long", HttpStatus.reasonPhrase(414));
        assertEquals("Upgrade Required", HttpStatus.reasonPhrase(426));
        assertEquals("Request Header Fields Too Large", HttpStatus.reasonPhrase(431));
        assertEquals("HTTP Version Not Supported", HttpStatus.reasonPhrase(505));
        assertEquals("", HttpStatus.reasonPhrase(299));
    }
}
