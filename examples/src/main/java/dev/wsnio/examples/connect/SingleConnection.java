package dev.wsnio.examples.connect;

import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection, for as long as it lasts: typed lines are sent, received messages printed.
 * Ends with status 0 when the input ends (after a normal close) or the server closes normally,
 * and 1 with a one-line error when the connect fails or the connection ends abnormally. When
 * this client failed the connection itself (the server broke the protocol or sent a message
 * over the limit), the error names the code it sent (1002, 1007, 1009, …), not the 1006 that
 * {@code onClose} reports for a connection that ended without the server's close frame.
 */
final class SingleConnection {

    private final WebSocketClient client;
    private final ConnectOptions options;
    private final Terminal terminal;

    /**
     * Prepares the session.
     *
     * @param client the client to connect with
     * @param options what to connect to
     * @param terminal where lines come from and messages go
     */
    SingleConnection(WebSocketClient client, ConnectOptions options, Terminal terminal) {
        this.client = client;
        this.options = options;
        this.terminal = terminal;
    }

    /**
     * Connects and runs until the connection ends.
     *
     * @return the exit status
     * @throws InterruptedException when interrupted while waiting
     */
    int run() throws InterruptedException {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        AtomicBoolean closingOnPurpose = new AtomicBoolean();
        TerminalListener listener = new TerminalListener(options.uri(), new TimestampedLog(terminal.out()), terminal.err()) {
            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                super.onClose(socket, code, reason);
                if (!closedByThisClient() && (closingOnPurpose.get() || CloseCodes.isNormal(code))) {
                    exit.complete(Main.SUCCESS);
                } else {
                    terminal.err().println("error: connection closed: " + describeClose(code, reason));
                    exit.complete(Main.FAILURE);
                }
            }
        };
        WebSocket socket;
        try {
            socket = client.connect(options, listener).get();
        } catch (ExecutionException e) {
            terminal.err().println("error: " + ConnectFailure.describe(e, options.uri()));
            return Main.FAILURE;
        }
        InputLines.start(terminal.in(), line -> send(socket, line), () -> {
            closingOnPurpose.set(true);
            socket.close();
        });
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status is never completed exceptionally", e);
        }
    }

    private void send(WebSocket socket, String line) {
        try {
            socket.sendText(line).join(); // one line at a time: a slow server slows the typing down
        } catch (RuntimeException e) {
            terminal.err().println("* not sent: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
