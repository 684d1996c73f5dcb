package dev.wsnio.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written with a plain blocking socket and no library code, for tests that
 * send exactly the bytes they want (including broken ones) and read back exactly what the
 * server sends.
 */
final class RawClient implements AutoCloseable {

    /** A frame as read from the wire. */
    record Frame(int first, byte[] payload) {
        int opcode() {
            return first & 0x0F;
        }

        boolean fin() {
            return (first & 0x80) != 0;
        }

        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and completes a valid handshake for {@code path}. */
    static RawClient upgraded(int port, String path) throws IOException {
        RawClient client = new RawClient(port);
        client.sendRaw(upgradeRequest(path, ""));
        String head = client.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake failed: " + head);
        }
        return client;
    }

    static String upgradeRequest(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    void sendRaw(String text) throws IOException {
        sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a masked frame (key 0x11223344). */
    void sendFrame(int first, byte[] payload) throws IOException {
        sendRaw(frame(first, payload, true));
    }

    /** Encodes a frame, masked with key 0x11223344 or not. */
    static byte[] frame(int first, byte[] payload, boolean masked) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(first);
        int mask = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            bytes.write(mask | payload.length);
        } else if (payload.length <= 0xFFFF) {
            bytes.write(mask | 126);
            bytes.write(payload.length >>> 8);
            bytes.write(payload.length);
        } else {
            bytes.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            bytes.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            bytes.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return bytes.toByteArray();
    }

    /** Reads an HTTP response head (up to the blank line) as text. */
    String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads everything until the server closes the connection. */
    String readUntilClosed() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Reads one frame (the server's are unmasked). */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            throw new IOException("server frame is masked");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first, payload);
    }

    /** Whether the server has closed the TCP connection (end of stream within the timeout). */
    boolean serverClosedTcp() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    InputStream input() {
        return in;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
