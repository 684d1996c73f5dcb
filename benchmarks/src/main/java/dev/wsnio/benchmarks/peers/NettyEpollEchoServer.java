package dev.wsnio.benchmarks.peers;

/**
 * Netty's echo server on the native {@code epoll} transport: the same pipeline and options as
 * {@link NettyEchoServer}, with {@code EpollIoHandler} event loops and an
 * {@code EpollServerSocketChannel}. Worker threads: {@code --threads} (the available processors
 * by default; Netty's own default is twice that, which {@code run-table.sh} passes).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.peers.NettyEpollEchoServer
 * [--port 9004] [--threads N] [--stop-after 30m]}
 */
public final class NettyEpollEchoServer {

    /** The default port. */
    public static final int DEFAULT_PORT = 9004;

    private NettyEpollEchoServer() {
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see {@link ServerOptions}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        NettyEchoServer.run(ServerOptions.parse(args, DEFAULT_PORT), NettyTransport.EPOLL);
    }
}
