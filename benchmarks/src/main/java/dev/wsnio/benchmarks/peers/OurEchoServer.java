package dev.wsnio.benchmarks.peers;

import dev.wsnio.frame.SessionConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.SendCallback;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * wsnio's echo server for the load tool: {@link WebSocketServer} on {@code /}, sending every
 * message back (text as the same string, binary as the very buffer the callback is lent, which a
 * send made during the callback may take; see {@link WebSocket}'s <b>Buffers</b>), with a
 * {@link SendCallback#NONE} callback rather than a future: no object per echo on the loop,
 * permessage-deflate accepted when offered (the default configuration: no context takeover,
 * 1 KiB threshold), messages and frames up to 64 MiB, 128 MiB of send queue per connection,
 * no heartbeat. With {@code --tls-keystore} it serves {@code wss://} with the key and
 * certificate of that PKCS#12 key store (the JDK's default TLS provider).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.peers.OurEchoServer [--port 9000]
 * [--threads N] [--stop-after 30m] [--tls-keystore FILE.p12 [--tls-password SECRET]]}
 */
public final class OurEchoServer {

    /** The default port. */
    public static final int DEFAULT_PORT = 9000;
    private static final long MAX_MESSAGE = 64L << 20;
    private static final long MAX_QUEUED = 128L << 20;

    private OurEchoServer() {
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see {@link ServerOptions}
     * @throws InterruptedException when interrupted
     * @throws IOException when the key store cannot be read
     * @throws GeneralSecurityException when the key store holds no usable key
     */
    public static void main(String[] args) throws InterruptedException, IOException, GeneralSecurityException {
        ServerOptions options = ServerOptions.parse(args, DEFAULT_PORT);
        SessionConfig session = SessionConfig.DEFAULTS.withMaxFrameSize(MAX_MESSAGE)
                .withMaxMessageSize(MAX_MESSAGE).withMaxFragmentsPerMessage(1 << 20);
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host(options.host().getHostAddress())
                .port(options.port())
                .eventLoops(options.threads())
                .websocket("/", new Echo())
                .settings(ConnectionSettings.DEFAULTS.withSession(session).withMaxQueuedBytes(MAX_QUEUED))
                .permessageDeflate();
        if (options.tlsKeystore().isPresent()) {
            builder.tls(tlsContext(options.tlsKeystore().get(), options.tlsPassword().toCharArray()));
        }
        WebSocketServer server = builder.build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        options.announceAndWait("wsnio");
        server.close();
    }

    /** A TLS context serving the one key and certificate of a PKCS#12 key store. */
    private static SSLContext tlsContext(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Sends every message back. */
    private static final class Echo implements WebSocketListener {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text, SendCallback.NONE);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data, SendCallback.NONE);
        }
    }
}
