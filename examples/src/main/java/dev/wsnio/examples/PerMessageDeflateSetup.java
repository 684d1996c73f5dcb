package dev.wsnio.examples;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.server.WebSocketServer;

/**
 * Turns on permessage-deflate (RFC 7692) with the default parameters, the way every program of
 * this jar uses it: a server accepts it when a client offers it, a client offers it.
 */
public final class PerMessageDeflateSetup {

    private PerMessageDeflateSetup() {
    }

    /**
     * Makes a server accept permessage-deflate when offered.
     *
     * @param server the server's builder
     * @return the same builder
     */
    public static WebSocketServer.Builder accept(WebSocketServer.Builder server) {
        return server.permessageDeflate();
    }

    /**
     * Makes a client offer permessage-deflate.
     *
     * @param client the client's builder
     * @return the same builder
     */
    public static WebSocketClient.Builder offer(WebSocketClient.Builder client) {
        return client.permessageDeflate();
    }
}
