package dev.wsnio.benchmarks.load;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.handshake.ExtensionNegotiationException;
import dev.wsnio.handshake.PerMessageDeflateClientNegotiator;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.ConnectionSettings;
import java.time.Duration;

/**
 * The wsnio client the load tool drives: limits raised like the echo servers' (64 MiB messages,
 * 128 MiB send queue), generous timeouts for thousands of simultaneous handshakes, and
 * permessage-deflate offered when asked, compressing every message whatever its size (so that
 * the server has to inflate each one).
 */
final class LoadClient {

    private static final long MAX_MESSAGE = 64L << 20;
    private static final long MAX_QUEUED = 128L << 20;

    private LoadClient() {
    }

    /**
     * Builds the client.
     *
     * @param options the load tool's options
     * @return the started client
     */
    static WebSocketClient build(LoadOptions options) {
        SessionConfig session = SessionConfig.DEFAULTS.withMaxFrameSize(MAX_MESSAGE).withMaxMessageSize(MAX_MESSAGE);
        WebSocketClient.Builder builder = WebSocketClient.builder()
                .eventLoops(options.clientThreads())
                .settings(ConnectionSettings.DEFAULTS.withSession(session).withMaxQueuedBytes(MAX_QUEUED))
                .connectTimeout(Duration.ofSeconds(30))
                .handshakeTimeout(Duration.ofSeconds(30));
        if (options.compression()) {
            PerMessageDeflateClientNegotiator negotiator = new PerMessageDeflateClientNegotiator(
                    PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0));
            builder.extension(negotiator, (agreed, workspace) -> {
                WebSocketExtension deflate = agreed.stream()
                        .filter(extension -> extension.hasName("permessage-deflate")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("permessage-deflate not agreed: " + agreed));
                try {
                    return negotiator.newCompression(deflate.parameters(), workspace);
                } catch (ExtensionNegotiationException e) {
                    throw new IllegalStateException("the handshake accepted a response it now rejects", e);
                }
            });
        }
        return builder.build();
    }
}
