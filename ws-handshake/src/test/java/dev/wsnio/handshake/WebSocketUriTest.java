package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketUriTest {

    private static WebSocketUri uri(String text) {
        return WebSocketUri.of(URI.create(text));
    }

    @Test
    void defaultsThePortAndPathAndOmitsTheDefaultPortFromHost() {
        WebSocketUri ws = uri("ws://example.com");
        WebSocketUri wss = uri("wss://example.com:443/chat");

        assertFalse(ws.isSecure());
        assertEquals(80, ws.port());
        assertEquals("example.com", ws.hostHeader());
        assertEquals("/", ws.requestTarget());
        assertTrue(wss.isSecure());
        assertEquals(443, wss.port());
        assertEquals("example.com", wss.hostHeader());
    }

    @Test
    void keepsANonDefaultPortInHost() {
        assertEquals("example.com:8080", uri("ws://example.com:8080/").hostHeader());
        assertEquals("example.com:80", uri("wss://example.com:80/").hostHeader());
        assertEquals("example.com:443", uri("ws://example.com:443/").hostHeader());
    }

    @Test
    void keepsIpv6LiteralsInBrackets() {
        WebSocketUri ipv6 = uri("ws://[::1]:9000/x");

        assertEquals("[::1]:9000", ipv6.hostHeader());
        assertEquals("[::1]", ipv6.host());
        assertEquals("[2001:db8::1]", uri("wss://[2001:db8::1]/").hostHeader());
    }

    @Test
    void keepsPathAndQueryRaw() {
        assertEquals("/chat%20room/a%2Fb?uid=ttq123&x=%41+b", uri("ws://h/chat%20room/a%2Fb?uid=ttq123&x=%41+b").requestTarget());
        assertEquals("/?a=1", uri("ws://h?a=1").requestTarget());
    }

    @Test
    void percentEncodesCharactersOutsideAscii() {
        assertEquals("/caf%C3%A9?q=%C3%BC", uri("ws://h/café?q=ü").requestTarget());
    }

    @Test
    void acceptsSchemesInAnyCase() {
        assertTrue(uri("WSS://example.com/").isSecure());
    }

    @Test
    void refusesWhatIsNotAWebSocketUri() {
        for (String text : List.of("http://example.com/", "wss:example", "ws:///path", "/relative", "ws://h/#",
                "ws://h/chat#frag", "ws://user:secret@h/")) {
            assertThrows(IllegalArgumentException.class, () -> uri(text), text);
        }
    }
}
