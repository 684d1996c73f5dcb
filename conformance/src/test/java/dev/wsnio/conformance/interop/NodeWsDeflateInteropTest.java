package dev.wsnio.conformance.interop;

import java.nio.file.Path;

/** Node's {@code ws} with {@code serverMaxWindowBits} and {@code clientMaxWindowBits} against our server and client. */
class NodeWsDeflateInteropTest extends DeflateWindowInteropTest {

    @Override
    void requirePeer() {
        Peers.requireNode();
    }

    @Override
    Path directory() {
        return Peers.dir("node");
    }

    @Override
    String[] clientCommand(String url, int serverBits, String context, int maxSize) {
        return new String[] {"node", "deflate-client.js", url, String.valueOf(serverBits), context,
            String.valueOf(maxSize)};
    }

    @Override
    String[] serverCommand(int serverBits, int clientBits, String context, int maxSize) {
        return new String[] {"node", "deflate-server.js", String.valueOf(serverBits), String.valueOf(clientBits),
            context, String.valueOf(maxSize)};
    }
}
