package dev.wsnio.examples;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.handshake.ExtensionNegotiationException;
import dev.wsnio.handshake.PerMessageDeflateClientNegotiator;
import dev.wsnio.handshake.PerMessageDeflateServerNegotiator;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.server.WebSocketServer;
import java.util.List;

/**
 * Turns on permessage-deflate (RFC 7692) with the default parameters: a server accepts it when
 * a client offers it, a client offers it; each agreed connection gets its own compression state.
 */
public final class PerMessageDeflateSetup {

    private static final String NAME = "permessage-deflate";

    private PerMessageDeflateSetup() {
    }

    /**
     * Makes a server accept permessage-deflate when offered.
     *
     * @param server the server's builder
     * @return the same builder
     */
    public static WebSocketServer.Builder accept(WebSocketServer.Builder server) {
        PerMessageDeflateServerNegotiator negotiator = new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS);
        return server.extension(negotiator, agreed -> negotiator.newCompression(find(agreed).parameters()));
    }

    /**
     * Makes a client offer permessage-deflate.
     *
     * @param client the client's builder
     * @return the same builder
     */
    public static WebSocketClient.Builder offer(WebSocketClient.Builder client) {
        PerMessageDeflateClientNegotiator negotiator = new PerMessageDeflateClientNegotiator(PerMessageDeflateConfig.DEFAULTS);
        return client.extension(negotiator, agreed -> {
            try {
                return negotiator.newCompression(find(agreed).parameters());
            } catch (ExtensionNegotiationException e) {
                // the handshake checked this response already; failing here is a bug
                throw new IllegalStateException("an accepted permessage-deflate response became invalid", e);
            }
        });
    }

    private static WebSocketExtension find(List<WebSocketExtension> agreed) {
        return agreed.stream().filter(extension -> extension.hasName(NAME)).findFirst()
                .orElseThrow(() -> new IllegalStateException("permessage-deflate was not agreed: " + agreed));
    }
}
