package dev.wsnio.benchmarks.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A blocking loopback client that speaks just enough WebSocket for the benchmarks: an opening
 * handshake written as a browser would, and pre-encoded frames written and read back with direct
 * buffers it reuses, so that it allocates nothing per exchange.
 */
final class RawClient implements AutoCloseable {

    /** A browser's upgrade request (Chromium's fields and order), with the RFC 6455 §1.3 sample key. */
    static final String UPGRADE_REQUEST = "GET /echo HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Connection: Upgrade\r\n"
            + "Pragma: no-cache\r\n"
            + "Cache-Control: no-cache\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36\r\n"
            + "Upgrade: websocket\r\n"
            + "Origin: http://127.0.0.1\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            + "\r\n";

    private final SocketChannel channel;
    private final ByteBuffer request = ByteBuffer.allocateDirect(UPGRADE_REQUEST.length())
            .put(UPGRADE_REQUEST.getBytes(StandardCharsets.US_ASCII)).flip();
    private final ByteBuffer response = ByteBuffer.allocateDirect(1024);

    /** Connects, without a handshake yet. */
    RawClient(InetSocketAddress server) throws IOException {
        channel = SocketChannel.open(server);
        channel.socket().setTcpNoDelay(true);
    }

    /** Sends the upgrade request and reads the server's response head up to its empty line. */
    void handshake() throws IOException {
        request.rewind();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        response.clear();
        while (!headComplete()) {
            if (channel.read(response) < 0) {
                throw new EOFException("the server closed during the handshake");
            }
        }
        if (response.get(9) != '1' || response.get(10) != '0' || response.get(11) != '1') {
            throw new IOException("not 101 Switching Protocols");
        }
    }

    private boolean headComplete() {
        int end = response.position();
        return end >= 4 && response.get(end - 4) == '\r' && response.get(end - 3) == '\n'
                && response.get(end - 2) == '\r' && response.get(end - 1) == '\n';
    }

    /** Writes a frame, then reads {@code answer.capacity()} bytes into {@code answer}. */
    void exchange(ByteBuffer frame, ByteBuffer answer) throws IOException {
        frame.rewind();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        answer.clear();
        while (answer.hasRemaining()) {
            if (channel.read(answer) < 0) {
                throw new EOFException("the server closed");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * A masked client frame (RFC 6455 §5.2) with a payload of up to 125 bytes, in a direct buffer.
     *
     * @param opcode 1 for text, 2 for binary
     * @param payload the bytes
     */
    static ByteBuffer maskedFrame(int opcode, byte[] payload) {
        byte[] key = {0x12, 0x34, 0x56, 0x78};
        ByteBuffer frame = ByteBuffer.allocateDirect(6 + payload.length);
        frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).put(key);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ key[i & 3]));
        }
        return frame.flip();
    }
}
