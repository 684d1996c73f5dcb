package dev.wsnio.examples.connect;

import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.Disconnection;
import dev.wsnio.client.ReconnectListener;
import dev.wsnio.client.ReconnectPolicy;
import dev.wsnio.client.ReconnectingWebSocket;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.ConnectionSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A connection that comes back by itself ({@code --reconnect}): after a lost connection or a
 * server restart it reconnects with the default {@link ReconnectPolicy} (random first delay,
 * then exponential backoff with jitter), also when the first attempt fails. Lines typed while
 * disconnected wait in a bounded outbox. Ends with status 0 when the input ends or the server
 * closes normally, and 1 when the policy gives up on an error.
 */
final class ReconnectingConnection {

    private static final int OUTBOX_MESSAGES = 1_000;
    /** As much as the default send queue holds: the outbox must fit in it. */
    private static final long OUTBOX_BYTES = ConnectionSettings.DEFAULT_MAX_QUEUED_BYTES;

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
    ReconnectingConnection(WebSocketClient client, ConnectOptions options, Terminal terminal) {
        this.client = client;
        this.options = options;
        this.terminal = terminal;
    }

    /**
     * Connects and runs until the input ends or the policy gives up.
     *
     * @return the exit status
     * @throws InterruptedException when interrupted while waiting
     */
    int run() throws InterruptedException {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ReconnectingWebSocket socket = client
                .reconnecting(options, new TerminalListener(options.uri(), new TimestampedLog(terminal.out()), terminal.err()))
                .outbox(OUTBOX_MESSAGES, OUTBOX_BYTES)
                .stateListener(new ReconnectListener() {
                    @Override
                    public void onDisconnected(Disconnection why) {
                        why.connectFailure().ifPresent(failure ->
                                terminal.err().println("* " + ConnectFailure.describe(failure, options.uri())));
                    }

                    @Override
                    public void onReconnectScheduled(int attempt, Duration delay) {
                        terminal.err().println(String.format(Locale.ROOT, "* reconnecting in %.1f s (attempt %d)",
                                delay.toMillis() / 1000.0, attempt));
                    }

                    @Override
                    public void onGaveUp(Disconnection last) {
                        if (last.error() == null && CloseCodes.isNormal(last.closeCode())) {
                            exit.complete(Main.SUCCESS);
                            return;
                        }
                        terminal.err().println("error: " + (last.error() != null
                                ? ConnectFailure.describe(last.error(), options.uri())
                                : "connection closed: " + last.closeCode() + " " + last.closeReason()).strip());
                        exit.complete(Main.FAILURE);
                    }

                    @Override
                    public void onClosed() {
                        exit.complete(Main.SUCCESS);
                    }
                })
                .start();
        InputLines.start(terminal.in(), line -> socket.sendText(line).exceptionally(error -> {
            terminal.err().println("* not sent: " + error.getMessage());
            return null;
        }), socket::close);
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status is never completed exceptionally", e);
        }
    }
}
