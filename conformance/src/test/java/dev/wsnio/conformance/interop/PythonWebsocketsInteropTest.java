package dev.wsnio.conformance.interop;

import java.nio.file.Path;

/** Python's {@code websockets} (Debian's python3-websockets, /usr/bin/python3) against our server and client. */
class PythonWebsocketsInteropTest extends ScriptPeerInteropTest {

    @Override
    void requirePeer() {
        Peers.requirePython();
    }

    @Override
    Path directory() {
        return Peers.dir("python");
    }

    @Override
    String[] clientCommand(String url, String mode) {
        return new String[] {Peers.PYTHON, "client.py", url, mode};
    }

    @Override
    String[] serverCommand(String mode) {
        return new String[] {Peers.PYTHON, "server.py", mode};
    }

    @Override
    String peerJsonSpace() {
        return " ";
    }
}
