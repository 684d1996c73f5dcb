package dev.wsnio.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The server's accepting thread: blocks in {@code accept()} and hands each new connection to the
 * server, which assigns it to an event loop. Closing the listening channel ends it. An
 * {@link Error} here (out of memory, most likely) ends it too, and is handed to the server,
 * which stops altogether rather than stay up without accepting.
 */
final class Acceptor implements Runnable {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final ServerSocketChannel listening;
    private final Consumer<SocketChannel> onAccepted;
    private final Consumer<Throwable> onFailure;

    Acceptor(ServerSocketChannel listening, Consumer<SocketChannel> onAccepted, Consumer<Throwable> onFailure) {
        this.listening = listening;
        this.onAccepted = onAccepted;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        while (listening.isOpen()) {
            try {
                onAccepted.accept(listening.accept());
            } catch (ClosedChannelException e) {
                return; // the server stopped (AsynchronousCloseException is one of these)
            } catch (IOException e) {
                // Typically "too many open files": log, breathe, and go on accepting.
                LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                pause();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "accept failed", e);
            } catch (Error e) {
                LOG.log(Level.ERROR, "the acceptor failed", e);
                onFailure.accept(e);
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
