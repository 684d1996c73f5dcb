package dev.wsnio.testkit.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client made of a blocking socket and the handshake text of {@link HandshakeText}:
 * it opens connections to a server under test and hands over a {@link Wire} that sends exactly
 * the bytes a test gives it. Nothing of wsnio is used on this side.
 */
public final class RawClient {

    private RawClient() {
    }

    /**
     * A plain TCP connection to a local port, with the {@link Wire#READ_TIMEOUT} on reads.
     *
     * @param port the port on 127.0.0.1
     * @return the connected socket
     * @throws IOException when connecting fails
     */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) Wire.READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * Sends bytes as they are (a request, several pipelined, or half of one) and reads
     * everything the server sends until it closes the connection.
     *
     * @param port the server's port on 127.0.0.1
     * @param request what to send, as ISO-8859-1 text
     * @return what came back, as ISO-8859-1 text
     * @throws IOException when connecting or reading fails (a read timeout included)
     */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Sends bytes as they are and reads the head of the server's response, leaving the
     * connection open until it returns.
     *
     * @param port the server's port on 127.0.0.1
     * @param request what to send, as ISO-8859-1 text
     * @return the response head, up to and including its blank line
     * @throws IOException when connecting or reading fails
     */
    public static String head(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return HandshakeText.readHead(socket.getInputStream());
        }
    }

    /**
     * Opens a connection with a valid handshake (§4.1) and checks the server's 101 (§4.2.2),
     * with no extension agreed.
     *
     * @param port the server's port on 127.0.0.1
     * @param path the request target
     * @param extraHeaders more header lines, each ending in CRLF, or ""
     * @return our end of the connection
     * @throws IOException when connecting fails
     */
    public static Wire upgrade(int port, String path, String extraHeaders) throws IOException {
        return upgrade(port, path, extraHeaders, null);
    }

    /**
     * Opens a connection with a valid handshake and checks the server's 101 and the extensions
     * it agreed to.
     *
     * @param port the server's port on 127.0.0.1
     * @param path the request target
     * @param extraHeaders more header lines, each ending in CRLF, or ""
     * @param agreedExtensions the expected {@code Sec-WebSocket-Extensions} of the response,
     *     exactly, or null for none
     * @return our end of the connection
     * @throws IOException when connecting fails
     */
    public static Wire upgrade(int port, String path, String extraHeaders, String agreedExtensions)
            throws IOException {
        Socket socket = connect(port);
        try {
            socket.getOutputStream().write(HandshakeText.request(path, extraHeaders)
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = HandshakeText.readHead(in);
            checkSwitchingProtocols(head);
            String extensions = HandshakeText.header(head, "Sec-WebSocket-Extensions");
            if (agreedExtensions == null ? extensions != null : !agreedExtensions.equals(extensions)) {
                throw new AssertionError("expected Sec-WebSocket-Extensions: " + agreedExtensions + ", got: " + head);
            }
            return new Wire(socket, in, Side.SERVER);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** §4.2.2 item 5: the 101 response and its three required headers. */
    private static void checkSwitchingProtocols(String head) {
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("expected 101 Switching Protocols, got: " + head);
        }
        String accept = HandshakeText.header(head, "Sec-WebSocket-Accept");
        if (!HandshakeText.acceptFor(HandshakeText.SAMPLE_KEY).equals(accept)) {
            throw new AssertionError("wrong Sec-WebSocket-Accept: " + head);
        }
        if (!"websocket".equalsIgnoreCase(HandshakeText.header(head, "Upgrade"))
                || !"upgrade".equalsIgnoreCase(HandshakeText.header(head, "Connection"))) {
            throw new AssertionError("101 without Upgrade: websocket and Connection: Upgrade: " + head);
        }
    }
}
