package dev.wsnio.benchmarks.peers;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The two Netty transports the benchmarks compare: the portable one on {@code java.nio}
 * (what wsnio is built on too) and the Linux one on {@code epoll} through Netty's own JNI
 * library ({@code netty-transport-native-epoll}, classifier {@code linux-x86_64}), which is
 * what Netty recommends in production on Linux.
 */
public enum NettyTransport {

    /** {@code java.nio} selectors and socket channels. */
    NIO("NIO"),

    /** Netty's native {@code epoll} transport (Linux, x86-64). */
    EPOLL("epoll");

    private final String label;

    NettyTransport(String label) {
        this.label = label;
    }

    /**
     * The factory of the I/O handler each event loop runs.
     *
     * @return a new factory
     * @throws UnsatisfiedLinkError when the native library cannot be loaded (epoll only)
     */
    IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case NIO -> NioIoHandler.newFactory();
            case EPOLL -> {
                Epoll.ensureAvailability();
                yield EpollIoHandler.newFactory();
            }
        };
    }

    /**
     * The listening channel's class for this transport.
     *
     * @return the server channel class
     */
    Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case NIO -> NioServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
        };
    }

    /**
     * The transport's name as the server's start-up line prints it.
     *
     * @return {@code NIO} or {@code epoll}
     */
    String label() {
        return label;
    }
}
