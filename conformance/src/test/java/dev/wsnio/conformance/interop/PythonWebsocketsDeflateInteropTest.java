package dev.wsnio.conformance.interop;

import java.nio.file.Path;

/**
 * Python's {@code websockets} with {@code ClientPerMessageDeflateFactory} and
 * {@code ServerPerMessageDeflateFactory} windows against our server and client.
 */
class PythonWebsocketsDeflateInteropTest extends DeflateWindowInteropTest {

    @Override
    void requirePeer() {
        Peers.requirePython();
    }

    @Override
    Path directory() {
        return Peers.dir("python");
    }

    @Override
    String[] clientCommand(String url, int serverBits, String context, int maxSize) {
        return new String[] {Peers.PYTHON, "deflate_client.py", url, String.valueOf(serverBits), context,
            String.valueOf(maxSize)};
    }

    @Override
    String[] serverCommand(int serverBits, int clientBits, String context, int maxSize) {
        return new String[] {Peers.PYTHON, "deflate_server.py", String.valueOf(serverBits), String.valueOf(clientBits),
            context, String.valueOf(maxSize)};
    }
}
