package dev.wsnio.examples.connect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server written with a plain socket that accepts one WebSocket handshake and then breaks the
 * protocol: its first frame has a reserved opcode (RFC 6455 §5.2), which a client must answer
 * by failing the connection with 1002. It records the close code the client sent.
 */
final class ProtocolBreakingServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private final ServerSocket listening;
    private final CompletableFuture<Integer> closeCodeReceived = new CompletableFuture<>();

    ProtocolBreakingServer() throws IOException {
        listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serveOne, "protocol-breaking-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** The code of the client's close frame, or -1 when it sent none. */
    CompletableFuture<Integer> closeCodeReceived() {
        return closeCodeReceived;
    }

    private void serveOne() {
        try (Socket peer = listening.accept()) {
            InputStream in = peer.getInputStream();
            OutputStream out = peer.getOutputStream();
            Matcher key = KEY.matcher(readHead(in));
            if (!key.find()) {
                throw new IOException("no Sec-WebSocket-Key");
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {(byte) 0x83, 0}); // FIN, opcode 0x3: reserved
            out.flush();
            closeCodeReceived.complete(readCloseCode(in));
        } catch (IOException e) {
            closeCodeReceived.completeExceptionally(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the request head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads the client's close frame (masked, short) and returns its code. */
    private static int readCloseCode(InputStream in) throws IOException {
        int first = in.read();
        int second = in.read();
        if (first != 0x88 || second < 0x82) {
            return -1;
        }
        byte[] rest = in.readNBytes(4 + (second & 0x7F));
        int code = ((rest[4] ^ rest[0]) & 0xFF) << 8 | ((rest[5] ^ rest[1]) & 0xFF);
        return code;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always there", e);
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
