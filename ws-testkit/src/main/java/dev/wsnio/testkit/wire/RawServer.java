package dev.wsnio.testkit.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket server written with blocking sockets that does exactly what a test scripts, byte
 * by byte: the place for servers that misbehave on purpose, to drive a client under test. Each
 * accepted connection runs the script on its own thread. Nothing of wsnio is used on this side.
 */
public final class RawServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    public interface Script {

        /**
         * Plays the server's part on one connection.
         *
         * @param peer the accepted connection
         * @throws Exception anything that goes wrong, kept in {@link #failures()}
         */
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket listening;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /**
     * Listens on a free port of 127.0.0.1 and runs the script for every connection.
     *
     * @param script what to do with each connection
     * @throws IOException when the port cannot be bound
     */
    public RawServer(Script script) throws IOException {
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

    /**
     * The address of a resource on this server.
     *
     * @param path the path and query, starting with /
     * @return its {@code ws://} URI
     */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listening.getLocalPort() + path);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return listening.getLocalPort();
    }

    /**
     * Exceptions the scripts threw (other than after close).
     *
     * @return the failures so far
     */
    public List<Throwable> failures() {
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
    public static final class Peer {

        /** The key used to mask frames that a server must not mask (§5.1). */
        private static final byte[] WRONG_MASK_KEY = {1, 2, 3, 4};

        /** The accepted socket. */
        public final Socket socket;
        /** Its input. */
        public final InputStream in;
        /** Its output. */
        public final OutputStream out;

        /**
         * Wraps an accepted socket (one this server accepted, or a test's own, as a proxy's).
         *
         * @param socket the connection
         * @throws IOException when its streams cannot be had
         */
        public Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /**
         * Reads a request head, up to and including the empty line.
         *
         * @return the head as ISO-8859-1 text
         * @throws IOException when the stream ends first
         */
        public String readHead() throws IOException {
            return HandshakeText.readHead(in);
        }

        /**
         * A header's value in a head, or null.
         *
         * @param head the head
         * @param name the header's name, matched without regard to case
         * @return its first value, trimmed, or null
         */
        public static String header(String head, String name) {
            return HandshakeText.header(head, name);
        }

        /**
         * Reads the request and answers 101 with the right accept value (§4.2.2) and extra
         * header lines.
         *
         * @param extraHeaderLines header lines to add, without their CRLF
         * @return the request head
         * @throws IOException when reading or writing fails
         */
        public String handshake(String... extraHeaderLines) throws IOException {
            String head = readHead();
            StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Accept: ")
                    .append(HandshakeText.acceptFor(header(head, "Sec-WebSocket-Key"))).append("\r\n");
            for (String line : extraHeaderLines) {
                response.append(line).append("\r\n");
            }
            send(response.append("\r\n").toString());
            return head;
        }

        /**
         * Sends text as it is (an HTTP head, say).
         *
         * @param ascii the text, as ISO-8859-1
         * @throws IOException when writing fails
         */
        public void send(String ascii) throws IOException {
            send(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        /**
         * Sends bytes as they are.
         *
         * @param bytes the bytes
         * @throws IOException when writing fails
         */
        public void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /**
         * A frame as a server would send it (or, with a mask, as it must not).
         *
         * @param firstByte FIN, RSV and opcode, as on the wire
         * @param payload the payload
         * @param masked whether to mask it (wrongly, from a server)
         * @return the frame's bytes
         */
        public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
            Frame frame = new Frame((firstByte & 0x80) != 0, firstByte & 0x70, firstByte & 0x0F, payload);
            return frame.encode(masked ? new FixedKey(WRONG_MASK_KEY) : null);
        }

        /**
         * A close frame's payload: the code and a reason.
         *
         * @param code the status code
         * @param reason the reason
         * @return the payload
         */
        public static byte[] closePayload(int code, String reason) {
            return Frame.close(code, reason).payload();
        }

        /**
         * Reads one frame from the client, unmasked.
         *
         * @return the frame, with its first byte and whether it was masked
         * @throws IOException when the stream ends or a read times out
         */
        public ClientFrame readFrame() throws IOException {
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

        /**
         * Waits until the client closes TCP (or the timeout passes).
         *
         * @param timeoutMillis the longest wait
         * @return whether the client closed
         * @throws IOException when reading fails
         */
        public boolean awaitEndOfStream(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }

    /**
     * A frame the client sent.
     *
     * @param firstByte FIN, RSV and opcode, as on the wire
     * @param masked whether it was masked (a client's frame must be, §5.3)
     * @param payload the payload, unmasked
     */
    public record ClientFrame(int firstByte, boolean masked, byte[] payload) {

        /**
         * The opcode.
         *
         * @return the low four bits of the first byte
         */
        public int opcode() {
            return firstByte & 0x0F;
        }

        /**
         * The status code of a close frame.
         *
         * @return the first two payload bytes as a number
         */
        public int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /**
         * The payload as UTF-8 text.
         *
         * @return the text
         */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frame 0x%02x, %d bytes", firstByte, payload.length);
        }
    }

    /** A "random" source that always hands out the same masking key. */
    private static final class FixedKey extends Random {
        private static final long serialVersionUID = 1L;
        private final byte[] key;

        FixedKey(byte[] key) {
            this.key = key.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(key, 0, bytes, 0, bytes.length);
        }
    }
}
