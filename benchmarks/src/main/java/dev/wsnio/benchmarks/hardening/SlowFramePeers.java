package dev.wsnio.benchmarks.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Issue 13, finding 3: 2,000 WebSocket peers each send a frame one byte every 5 s, so that
 * every connection always has a frame started and never finished. A server without a deadline
 * for that keeps them all (and their file descriptors) forever; the issue asks that the
 * defaults close them within a minute. Measured after 30 s of trickling; the peers still open
 * are counted after 65 s.
 */
final class SlowFramePeers implements HostileScenario {

    private static final int PEERS = 2_000;
    private static final long TICK_MILLIS = 5_000;
    private static final long MEASURE_AFTER_MILLIS = 30_000;
    private static final long COUNT_AFTER_MILLIS = 65_000;

    /** One peer: its channel and how far into its frame it is. */
    private static final class Peer {
        final SocketChannel channel;
        int nextByte;

        Peer(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final List<Peer> open = new ArrayList<>();
    private final byte[] frame = RawPeer.maskedFrame(0x2, new byte[125]);
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private int refused;
    private long trickleStart;

    @Override
    public String name() {
        return "slow-frames";
    }

    @Override
    public void start(int port) throws IOException, InterruptedException {
        for (int i = 0; i < PEERS; i++) {
            try {
                open.add(new Peer(handshake(port)));
            } catch (IOException e) {
                refused++;
            }
        }
        trickleStart = System.nanoTime();
        trickleUntil(MEASURE_AFTER_MILLIS);
    }

    @Override
    public String finish() throws InterruptedException {
        trickleUntil(COUNT_AFTER_MILLIS);
        return "peers=" + PEERS + " refused=" + refused + " still_open_after_65s=" + open.size();
    }

    /** Every tick, one more byte from each open peer; peers the server closed are dropped. */
    private void trickleUntil(long millis) throws InterruptedException {
        while (elapsedMillis() < millis) {
            for (Iterator<Peer> peers = open.iterator(); peers.hasNext();) {
                Peer peer = peers.next();
                if (!sendNextByte(peer)) {
                    closeQuietly(peer.channel);
                    peers.remove();
                }
            }
            Thread.sleep(Math.max(1, Math.min(TICK_MILLIS, millis - elapsedMillis())));
        }
    }

    /** Sends one byte; returns false when the server has closed the connection. */
    private boolean sendNextByte(Peer peer) {
        try {
            scratch.clear();
            while (true) {
                int read = peer.channel.read(scratch); // a close frame, then the end of the stream
                if (read < 0) {
                    return false;
                }
                if (read == 0) {
                    break;
                }
                scratch.clear();
            }
            peer.channel.write(ByteBuffer.wrap(frame, peer.nextByte % frame.length, 1));
            peer.nextByte++;
            return true;
        } catch (IOException e) {
            return false; // reset
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - trickleStart) / 1_000_000;
    }

    private static SocketChannel handshake(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        try {
            channel.write(ByteBuffer.wrap(RawPeer.get("/echo", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")));
            String head = RawPeer.readHead(channel.socket().getInputStream());
            if (!head.startsWith("HTTP/1.1 101 ")) {
                throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
            }
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    @Override
    public void close() {
        for (Peer peer : open) {
            closeQuietly(peer.channel);
        }
        open.clear();
    }
}
