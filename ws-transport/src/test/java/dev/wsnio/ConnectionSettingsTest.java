package dev.wsnio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.DeliveryMode;
import dev.wsnio.handshake.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The settings of open connections refuse what could never work (an empty send queue, a
 * deadline of zero, a negative timeout) when they are made, not when the first connection meets
 * them; and the builder's shared options refuse a server or client without a loop.
 */
class ConnectionSettingsTest {

    private static final ConnectionSettings DEFAULTS = ConnectionSettings.DEFAULTS;

    private static void refused(String message, Runnable making) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, making::run);
        assertEquals(message, refused.getMessage());
    }

    @Test
    void aSendQueueMustHoldAtLeastOneByte() {
        refused("maxQueuedBytes must be positive", () -> DEFAULTS.withMaxQueuedBytes(0));
        assertEquals(1, DEFAULTS.withMaxQueuedBytes(1).maxQueuedBytes());
    }

    @Test
    void deadlinesMustBePositive() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            refused("messageTimeout must be positive", () -> DEFAULTS.withMessageTimeout(bad));
            refused("closeTimeout must be positive", () -> DEFAULTS.withCloseTimeout(bad));
            refused("heartbeatTimeout must be positive", () -> DEFAULTS.withHeartbeat(Duration.ofSeconds(1), bad));
        }
    }

    @Test
    void idleTimeoutAndHeartbeatIntervalMayBeZeroForOffButNotNegative() {
        ConnectionSettings off = DEFAULTS.withIdleTimeout(Duration.ZERO).withHeartbeat(Duration.ZERO, Duration.ofSeconds(1));
        assertFalse(off.heartbeatEnabled());
        assertTrue(DEFAULTS.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1)).heartbeatEnabled());
        refused("timeouts must not be negative", () -> DEFAULTS.withIdleTimeout(Duration.ofMillis(-1)));
        refused("timeouts must not be negative",
                () -> DEFAULTS.withHeartbeat(Duration.ofMillis(-1), Duration.ofSeconds(1)));
    }

    @Test
    void theDeliveryModeIsASessionSetting() {
        assertEquals(DeliveryMode.STREAMING,
                DEFAULTS.withDeliveryMode(DeliveryMode.STREAMING).session().deliveryMode());
    }

    @Test
    void aServerOrClientNeedsAtLeastOneEventLoop() {
        refused("at least one event loop is needed", () -> new Plain().eventLoops(0));
        assertEquals(3, new Plain().eventLoops(3).eventLoopCount());
    }

    /** The options every server and client builder shares, without either. */
    private static final class Plain extends EndpointBuilder<Plain> {
        @Override
        protected Plain self() {
            return this;
        }
    }

    @Test
    void anUpgradeRequestDescribesItsTargetAndPeerForLogs() {
        assertEquals("UpgradeRequest[/chat?room=1 from /127.0.0.1:4000]",
                UpgradeRequest.of("/chat?room=1", HttpHeaders.empty(), new InetSocketAddress("127.0.0.1", 4000)).toString());
        assertEquals("UpgradeRequest[/chat from unknown]",
                UpgradeRequest.of("/chat", HttpHeaders.empty(), null).toString());
    }
}
