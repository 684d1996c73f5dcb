package dev.wsnio.benchmarks.hardening;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A peer made of a plain socket, for traffic a well-behaved client library would never send:
 * pipelined requests nobody reads, frames one byte at a time, connections that vanish. Every
 * connection goes to 127.0.0.1.
 */
final class RawPeer {

    /** A fixed masking key: what matters here is the server's behaviour, not the key. */
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private RawPeer() {
    }

    /**
     * Connects to the server.
     *
     * @param port its port on 127.0.0.1
     * @param receiveBuffer the socket's receive buffer (set before connecting), or 0 for the default
     * @return the connected socket, with a 30 s read timeout
     * @throws IOException when the connection fails
     */
    static Socket connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * A GET request.
     *
     * @param path the path
     * @param headers extra header lines, without CRLF
     * @return the request's bytes
     */
    static byte[] get(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads one response with a {@code Content-Length} body (the server sends no other kind).
     *
     * @param in the connection's input
     * @return the status code
     * @throws IOException when the connection ends first or the response is not what we expect
     */
    static int readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        int lengthAt = head.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int start = lengthAt + "\r\ncontent-length:".length();
            long length = Long.parseLong(head.substring(start, head.indexOf("\r\n", start)).trim());
            in.skipNBytes(length); // EOFException when cut short
        }
        return status;
    }

    /**
     * Reads an HTTP head, up to its empty line.
     *
     * @param in the connection's input
     * @return the head as text
     * @throws IOException when the connection ends first
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0; // of CR LF CR LF
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in a response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Opens a WebSocket: connects and completes the opening handshake.
     *
     * @param port the server's port
     * @param path the endpoint's path
     * @param receiveBuffer the receive buffer, or 0 for the default
     * @return the socket, speaking WebSocket
     * @throws IOException when the connection or the handshake fails
     */
    static Socket openWebSocket(int port, String path, int receiveBuffer) throws IOException {
        Socket socket = connect(port, receiveBuffer);
        try {
            socket.getOutputStream().write(get(path, "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101 ")) {
                throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A masked client frame (RFC 6455 §5.2), FIN set.
     *
     * @param opcode 0x1 text, 0x2 binary, 0x8 close, ...
     * @param payload the payload
     * @return the frame's bytes
     */
    static byte[] maskedFrame(int opcode, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        int at = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[at++] = (byte) (length >>> 8);
            frame[at++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) ((long) length >>> shift);
            }
        }
        System.arraycopy(MASK, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            frame[at + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return frame;
    }

    /**
     * Reads one unmasked server frame and returns its payload.
     *
     * @param in the connection's input
     * @return the payload
     * @throws IOException when the connection ends first
     */
    static byte[] readFrame(InputStream in) throws IOException {
        int first = in.read();
        int second = in.read();
        if (first < 0 || second < 0) {
            throw new EOFException("connection closed before a frame");
        }
        long length = second & 0x7F;
        if (length >= 126) {
            int bytes = length == 126 ? 2 : 8;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed in a frame header");
                }
                length = length << 8 | b;
            }
        }
        return in.readNBytes((int) length);
    }

    /**
     * Drops a connection the rude way: a reset (RST) instead of a FIN, as a peer whose process
     * was killed or whose network went away and came back.
     *
     * @param socket the connection
     */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
