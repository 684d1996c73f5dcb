package dev.wsnio.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server written with blocking sockets that does exactly what a test scripts, byte by byte:
 * the place for servers that misbehave on purpose. Each accepted connection runs the script on
 * its own thread.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with one connection. */
    interface Script {
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket listening;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        listening = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket socket = listening.accept();
                    accepted.add(socket);
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            script.run(new Peer(socket));
                        } catch (Exception e) {
                            if (!listening.isClosed()) {
                                failures.add(e);
                            }
                        }
                    }, "raw-server-peer");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listening.getLocalPort() + path);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Exceptions the scripts threw (other than after close). */
    List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    /** One accepted connection, with the helpers scripts need. */
    static final class Peer {
        private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads a request head, up to and including the empty line. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("end of stream inside the head: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        /** A header's value in a head, or null. */
        static String header(String head, String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** The Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2). */
        static String accept(String key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        /** Reads the request and answers 101 with the right accept and extra header lines. */
        String handshake(String... extraHeaderLines) throws IOException {
            String head = readHead();
            StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Accept: ").append(accept(header(head, "Sec-WebSocket-Key"))).append("\r\n");
            for (String line : extraHeaderLines) {
                response.append(line).append("\r\n");
            }
            send(response.append("\r\n").toString());
            return head;
        }

        void send(String ascii) throws IOException {
            send(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A frame as a server would send it (or, with a mask, as it must not). */
        static byte[] frame(int firstByte, byte[] payload, boolean masked) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(firstByte);
            int maskBit = masked ? 0x80 : 0;
            if (payload.length < 126) {
                frame.write(maskBit | payload.length);
            } else {
                frame.write(maskBit | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            }
            byte[] key = {1, 2, 3, 4};
            if (masked) {
                frame.writeBytes(key);
            }
            for (int i = 0; i < payload.length; i++) {
                frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
            }
            return frame.toByteArray();
        }

        /** A close frame's payload: the code and a reason. */
        static byte[] closePayload(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + text.length];
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(text, 0, payload, 2, text.length);
            return payload;
        }

        /** One frame from the client, unmasked; its first byte is kept as the opcode field. */
        ClientFrame readFrame() throws IOException {
            int first = readByte();
            int second = readByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            boolean masked = (second & 0x80) != 0;
            byte[] key = masked ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i % 4];
            }
            return new ClientFrame(first, masked, payload);
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        /** Waits until the client closes TCP (or the timeout passes); returns whether it did. */
        boolean awaitEndOfStream(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }
    }

    /** A frame the client sent. */
    record ClientFrame(int firstByte, boolean masked, byte[] payload) {
        int opcode() {
            return firstByte & 0x0F;
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frame 0x%02x, %d bytes", firstByte, payload.length);
        }
    }
}
