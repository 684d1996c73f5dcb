package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plain HTTP requests as RFC 9110 and RFC 9112 want them answered, and the request shapes that
 * smuggle a second request past a front end: each is answered once and, when its framing is in
 * doubt, the connection is closed so that nothing after it is read as a request.
 */
@Timeout(60)
class HttpRequestHandlingTest {

    private WebSocketServer server;

    @BeforeEach
    void start() {
        server = WebSocketServer.builder()
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .http("/echo", request -> HttpResponse.builder(200).textBody("[" + request.bodyText() + "]").build())
                .http("/redirect", request -> HttpResponse.builder(302)
                        .header("Location", request.queryParameter("to").orElse("/")).build())
                .http("/last", request -> HttpResponse.builder(200).header("Connection", "close").textBody("last").build())
                .http("/dated", request -> HttpResponse.builder(200)
                        .header("Date", "Sun, 06 Nov 1994 08:49:37 GMT").textBody("old").build())
                .http("/kept", request -> HttpResponse.builder(200).header("Connection", "keep-alive").textBody("kept").build())
                .staticResources("/static/", "static-test", HttpRequestHandlingTest.class.getClassLoader())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends the bytes and reads until the server closes the connection (fails if it does not). */
    private String exchange(String bytes) throws IOException {
        return RawClient.exchange(server.port(), bytes);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void staticResourcesAnswerOtherMethodsWith405AllowingGetAndHead() throws IOException {
        for (String method : new String[] {"DELETE", "POST", "PUT", "OPTIONS"}) {
            String response = exchange(method + " /static/index.html HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 405 "), method + ": " + response);
            assertTrue(response.contains("\r\nAllow: GET, HEAD\r\n"), response);
        }
        String page = exchange("GET /static/index.html HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 200 ") && page.contains("served from the class path"), page);
    }

    @Test
    void headGetsTheHeadOfTheGetResponseWithoutItsBody() throws IOException {
        String get = exchange("GET /static/index.html HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        String head = exchange("HEAD /static/index.html HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        assertTrue(head.endsWith("\r\n\r\n"), "no body after the head: " + head);
        String length = get.substring(get.indexOf("Content-Length: "), get.indexOf("\r\n", get.indexOf("Content-Length: ")));
        assertTrue(head.contains(length + "\r\n"), "HEAD announces the GET body's length: " + head);
    }

    @Test
    void anHttp10RequestAskingForKeepAliveIsToldSoAndKeptOpen() throws IOException {
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            String first = HandshakeText.readHead(client.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 200 "), first);
            assertTrue(first.contains("\r\nConnection: keep-alive\r\n"), first);
            client.getInputStream().readNBytes("Hello World".length());
            send(client, "GET /hello HTTP/1.0\r\n\r\n"); // the connection is still there
            String second = readUntilClosed(client);
            assertTrue(second.startsWith("HTTP/1.1 200 ") && second.endsWith("Hello World"), second);
        }
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsClosedAfterItsResponse() throws IOException {
        String response = exchange("GET /hello HTTP/1.0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("Hello World"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
    }

    @Test
    void expect100ContinueGets100BeforeTheBodyIsSent() throws IOException {
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n"
                    + "Connection: close\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", HandshakeText.readHead(client.getInputStream()));
            send(client, "hello");
            String response = readUntilClosed(client);
            assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("[hello]"), response);
        }
    }

    @Test
    void expect100ContinueForATooLargeBodyGets413WithoutReadingIt() throws IOException {
        String response = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 100000000\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        assertFalse(response.contains("100 Continue"), response);
    }

    @Test
    void anUnknownExpectationGets417() throws IOException {
        String response = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\nContent-Length: 1\r\n\r\nx");
        assertTrue(response.startsWith("HTTP/1.1 417 "), response);
    }

    @Test
    void anAbsoluteFormTargetIsServedLikeItsPath() throws IOException {
        String response = exchange("GET http://127.0.0.1/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("Hello World"), response);
    }

    @Test
    void aBodyOnAGetIsReadAsItsBodyNotAsTheNextRequest() throws IOException {
        String smuggled = "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n";
        String response = exchange("GET /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + smuggled.length()
                + "\r\n\r\n" + smuggled + "GET /echo HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertEquals(2, count(response, "HTTP/1.1 200 "), response);
        assertEquals(0, count(response, "Hello World"), "the body was not answered as a request: " + response);
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndNothingAfterItIsRead() throws IOException {
        // CL.TE and TE.CL: whichever length a front end believed, a second request follows
        String response = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 501 "), response);
        assertEquals(1, count(response, "HTTP/1.1 "), "one answer, then the end: " + response);
    }

    @Test
    void anObfuscatedTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
        for (String header : new String[] {"Transfer-Encoding : chunked", "Transfer-Encoding:\tchunked, identity",
                "Transfer-Encoding: xchunked", " Transfer-Encoding: chunked"}) {
            String response = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n" + header
                    + "\r\n\r\nabcGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 ") || response.startsWith("HTTP/1.1 501 "),
                    header + ": " + response);
            assertEquals(1, count(response, "HTTP/1.1 "), header + ": " + response);
        }
    }

    @Test
    void anHttp10RequestWithTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
        String response = exchange("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\nGET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 501 "), response);
        assertEquals(1, count(response, "HTTP/1.1 "), response);
    }

    @Test
    void contentLengthsThatDisagreeOrAreNotPlainDigitsGet400AndTheEnd() throws IOException {
        for (String lengths : new String[] {"Content-Length: 3\r\nContent-Length: 4", "Content-Length: +3",
                "Content-Length: 3, 3", "Content-Length: -3", "Content-Length: 0x3", "Content-Length: 3 4",
                "Content-Length: 99999999999999999999999", "Content-Length:"}) {
            String response = exchange("POST /echo HTTP/1.1\r\nHost: a\r\n" + lengths
                    + "\r\n\r\nabcdGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 "), lengths + ": " + response);
            assertEquals(1, count(response, "HTTP/1.1 "), lengths + ": " + response);
        }
    }

    @Test
    void manySmallHeaderLinesGet431() throws IOException {
        StringBuilder request = new StringBuilder("GET /hello HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 100; i++) {
            request.append("X: ").append(i).append("\r\n"); // 101 fields, 1 KiB: the field limit binds
        }
        String response = exchange(request.append("\r\n").toString());
        assertTrue(response.startsWith("HTTP/1.1 431 "), response);
    }

    @Test
    void aHeaderFoldedOntoTheNextLineGets400() throws IOException {
        String response = exchange("GET /hello HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
    }

    @Test
    void bareLineFeedsGet400() throws IOException {
        String response = exchange("GET /hello HTTP/1.1\nHost: a\n\n");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
    }

    @Test
    void encodedDotDotSegmentsCannotLeaveTheStaticRoot() throws IOException {
        for (String path : new String[] {"/static/..%2f..%2fws-server%2fpom.xml", "/static/%2e%2e/%2e%2e/pom.xml",
                "/static/..%5c..%5cpom.xml", "/static/index.html%00.png", "/static/./index.html"}) {
            String response = exchange("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 404 ") || response.startsWith("HTTP/1.1 400 "), path + ": " + response);
        }
    }

    @Test
    void aHandlerCannotBeMadeToSplitItsResponseWithCrLfInAHeader() throws IOException {
        String response = exchange("GET /redirect?to=/x%0d%0aSet-Cookie:%20stolen=1 HTTP/1.1\r\nHost: a\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
        assertFalse(response.contains("Set-Cookie"), response);
    }

    @Test
    void requestsPipelinedAfterConnectionCloseAreNotAnswered() throws IOException {
        String response = exchange("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                + "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(1, count(response, "HTTP/1.1 "), response);
        assertTrue(response.endsWith("Hello World"), response);
    }

    @Test
    void anHttp2PrefaceAndAnHttp09RequestAreRefused() throws IOException {
        String preface = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assertTrue(preface.startsWith("HTTP/1.1 400 ") || preface.startsWith("HTTP/1.1 505 "), preface);
        assertTrue(exchange("GET /hello\r\n\r\n").startsWith("HTTP/1.1 400 "));
    }

    @Test
    void anHttp10RequestsExpectationIsIgnoredAndItsBodyReadAtOnce() throws IOException {
        // RFC 9110 §10.1.1: a 100-continue from an HTTP/1.0 client is ignored: no 100, no 417.
        String response = exchange("POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
        assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("[hi]"), response);
        assertFalse(response.contains("100 Continue"), response);
    }

    @Test
    void aHandlerThatAnswersConnectionCloseEndsTheConnection() throws IOException {
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "GET /last HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            String response = readUntilClosed(client);
            assertTrue(response.endsWith("last"), "answered, then closed, the next request unread: " + response);
            assertEquals(1, count(response, "Connection: close"), "said once: " + response);
        }
    }

    @Test
    void aHandlersOwnDateIsKept() throws IOException {
        String response = exchange("GET /dated HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(response.contains("\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"), response);
        assertEquals(1, count(response, "\r\nDate: "), response);
    }

    @Test
    void anHttp10KeepAliveTheHandlerAlreadySaysIsNotSaidTwice() throws IOException {
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "GET /kept HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            String head = HandshakeText.readHead(client.getInputStream());
            assertEquals(1, count(head, "Connection: keep-alive"), head);
        }
    }
}
