package dev.wsnio.benchmarks.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.Version;

/**
 * Netty's echo server for the load tool, as the Netty documentation builds one: the NIO
 * transport (the native epoll one in {@link NettyEpollEchoServer}), {@link HttpServerCodec}
 * and {@link HttpObjectAggregator} for the upgrade,
 * {@link WebSocketServerCompressionHandler} (permessage-deflate when a client offers it),
 * {@link WebSocketServerProtocolHandler} on {@code /} with frames up to 64 MiB, a
 * {@link WebSocketFrameAggregator} for whole messages, and a handler that writes each text or
 * binary message back (the same buffer, retained: no copy) and flushes when a read is done.
 * Worker threads: {@code --threads} (the available processors by default, like wsnio's).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.peers.NettyEchoServer
 * [--port 9001] [--threads N] [--stop-after 30m]}
 */
public final class NettyEchoServer {

    /** The default port. */
    public static final int DEFAULT_PORT = 9001;
    private static final int MAX_MESSAGE = 64 << 20;

    private NettyEchoServer() {
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see {@link ServerOptions}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        run(ServerOptions.parse(args, DEFAULT_PORT), NettyTransport.NIO);
    }

    /**
     * Runs the server on one transport until its lifetime is over or the process is stopped:
     * one acceptor thread and {@code options.threads()} workers.
     *
     * @param options the command line
     * @param transport NIO or epoll
     * @throws InterruptedException when interrupted
     */
    static void run(ServerOptions options, NettyTransport transport) throws InterruptedException {
        options.requirePlain("netty");
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(options.threads(), transport.ioHandlerFactory());
        try {
            Channel listening = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            pipeline.addLast(new HttpServerCodec());
                            pipeline.addLast(new HttpObjectAggregator(65536));
                            pipeline.addLast(new WebSocketServerCompressionHandler(0));
                            pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/")
                                    .allowExtensions(true)
                                    .maxFramePayloadLength(MAX_MESSAGE)
                                    .build()));
                            pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
                            pipeline.addLast(new Echo());
                        }
                    })
                    .bind(options.host(), options.port()).sync().channel();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                listening.close();
                boss.shutdownGracefully();
                workers.shutdownGracefully();
            }, "echo-server-stop"));
            options.announceAndWait("netty " + Version.identify().get("netty-codec-http").artifactVersion()
                    + " (" + transport.label() + ")");
            listening.close().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    /** Writes every message back and flushes once per read. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        Echo() {
            super(false); // the frame is passed on to write, which releases it
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                context.write(frame, context.voidPromise());
            } else {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }
    }
}
