package dev.wsnio.conformance.interop;

import java.nio.file.Path;

/** Node's {@code ws} (pinned in peers/node/package-lock.json) against our server and client. */
class NodeWsInteropTest extends ScriptPeerInteropTest {

    @Override
    void requirePeer() {
        Peers.requireNode();
    }

    @Override
    Path directory() {
        return Peers.dir("node");
    }

    @Override
    String[] clientCommand(String url, String mode) {
        return new String[] {"node", "client.js", url, mode};
    }

    @Override
    String[] serverCommand(String mode) {
        return new String[] {"node", "server.js", mode};
    }

    @Override
    String peerJsonSpace() {
        return "";
    }
}
