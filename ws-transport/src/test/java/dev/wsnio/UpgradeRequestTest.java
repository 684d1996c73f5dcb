package dev.wsnio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.handshake.HttpField;
import dev.wsnio.handshake.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request as an upgrade hook sees it, and what an open connection keeps of it. */
class UpgradeRequestTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50_000);

    private static UpgradeRequest whole() {
        return UpgradeRequest.of("/chat%20room?uid=ttq123&tag=a&tag=b", HttpHeaders.of(List.of(
                new HttpField("Host", "127.0.0.1"),
                new HttpField("Origin", "https://example.com"),
                new HttpField("Cookie", "session=abc; theme=dark"),
                new HttpField("Sec-WebSocket-Protocol", "chat.v2, chat.v1"),
                new HttpField("X-Trace", "t-1"))), PEER);
    }

    @Test
    void theHookSeesEverything() {
        UpgradeRequest request = whole();
        assertEquals("/chat room", request.path());
        assertEquals("/chat%20room", request.rawPath());
        assertEquals(Optional.of("ttq123"), request.queryParameter("uid"));
        assertEquals(List.of("a", "b"), request.queryParameters("tag"));
        assertEquals(Optional.of("https://example.com"), request.origin());
        assertEquals(Optional.of("abc"), request.cookie("session"));
        assertEquals(List.of("chat.v2", "chat.v1"), request.subprotocols());
        assertEquals(Optional.of("t-1"), request.header("x-trace"), "names match ignoring case");
        assertEquals(Optional.of(PEER), request.remoteAddress());
    }

    @Test
    void anOpenConnectionKeepsPathQueryPeerAndTheNamedHeadersOnly() {
        UpgradeRequest kept = whole().keeping(UpgradeRequest.keptHeaderNames(Set.of("x-TRACE")), null);
        assertEquals("/chat room", kept.path());
        assertEquals(Optional.of("ttq123"), kept.queryParameter("uid"));
        assertEquals(Optional.of(PEER), kept.remoteAddress());
        assertEquals(Optional.of("t-1"), kept.header("X-Trace"));
        IllegalStateException notKept = assertThrows(IllegalStateException.class, () -> kept.header("Cookie"));
        assertTrue(notKept.getMessage().contains("keepHeaders(\"Cookie\")"), notKept.getMessage());
        assertThrows(IllegalStateException.class, kept::origin);
    }
}
