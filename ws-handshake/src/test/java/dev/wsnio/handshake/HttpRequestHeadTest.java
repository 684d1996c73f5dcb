package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpRequestHeadTest {

    @Test
    void isAWebSocketUpgradeWhenUpgradeListsWebsocketInAnyCase() throws HttpParseException {
        assertTrue(request("GET / HTTP/1.1\nHost: a\nUpgrade: websocket\n\n").isWebSocketUpgrade());
        assertTrue(request("GET / HTTP/1.1\nHost: a\nUpgrade: h2c, WebSocket\n\n").isWebSocketUpgrade());
        assertTrue(request("GET / HTTP/1.1\nHost: a\nUpgrade: h2c\nupgrade: websocket\n\n").isWebSocketUpgrade());
    }

    @Test
    void isNotAWebSocketUpgradeWithoutTheWebsocketToken() throws HttpParseException {
        assertFalse(request("GET / HTTP/1.1\nHost: a\n\n").isWebSocketUpgrade());
        assertFalse(request("GET / HTTP/1.1\nHost: a\nUpgrade: h2c\n\n").isWebSocketUpgrade());
        assertFalse(request("GET / HTTP/1.1\nHost: a\nUpgrade: websockets\n\n").isWebSocketUpgrade());
    }

    @Test
    void http11IsPersistentUnlessConnectionClose() throws HttpParseException {
        assertTrue(request("GET / HTTP/1.1\nHost: a\n\n").isPersistent());
        assertFalse(request("GET / HTTP/1.1\nHost: a\nConnection: Close\n\n").isPersistent());
        assertFalse(request("GET / HTTP/1.1\nHost: a\nConnection: upgrade, close\n\n").isPersistent());
    }

    @Test
    void http10IsPersistentOnlyWithKeepAlive() throws HttpParseException {
        assertFalse(request("GET / HTTP/1.0\n\n").isPersistent());
        assertTrue(request("GET / HTTP/1.0\nConnection: Keep-Alive\n\n").isPersistent());
        assertFalse(request("GET / HTTP/1.0\nConnection: keep-alive, close\n\n").isPersistent());
    }

    @Test
    void reportsContentLengthAndTransferEncoding() throws HttpParseException {
        HttpRequestHead plain = request("GET / HTTP/1.1\nHost: a\n\n");
        HttpRequestHead sized = request("POST / HTTP/1.1\nHost: a\nContent-Length: 5\n\n");
        HttpRequestHead chunked = request("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n");

        assertFalse(plain.hasContentLength() || plain.hasTransferEncoding() || plain.announcesBody());
        assertTrue(sized.hasContentLength() && sized.announcesBody());
        assertFalse(sized.hasTransferEncoding());
        assertTrue(chunked.hasTransferEncoding() && chunked.announcesBody());
        assertFalse(chunked.hasContentLength());
    }

    @Test
    void aZeroContentLengthAnnouncesNoBody() throws HttpParseException {
        HttpRequestHead head = request("GET / HTTP/1.1\nHost: a\nContent-Length: 0\n\n");

        assertTrue(head.hasContentLength());
        assertFalse(head.announcesBody());
    }
}
