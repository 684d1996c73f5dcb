package dev.wsnio.examples.autobahn;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.echo.EchoListener;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of the Autobahn|Testsuite's fuzzing server: every test case is a WebSocket
 * connection to {@code /runCase?case=N&agent=NAME} on which the client echoes whatever it
 * receives until the server closes; {@code /getCaseCount} says how many cases there are, and
 * {@code /updateReports?agent=NAME} makes the server write its report.
 */
final class FuzzingSession {

    private final WebSocketClient client;
    private final URI server;
    private final String agent;
    private final Duration caseTimeout;

    /**
     * Prepares a session.
     *
     * @param client the client under test
     * @param server the fuzzing server, e.g. {@code ws://127.0.0.1:9001}
     * @param agent the name the reports use for this client
     * @param caseTimeout the longest a case may take before it is abandoned
     */
    FuzzingSession(WebSocketClient client, URI server, String agent, Duration caseTimeout) {
        this.client = client;
        this.server = server;
        this.agent = agent;
        this.caseTimeout = caseTimeout;
    }

    /**
     * Asks the server how many cases it has.
     *
     * @return the count
     * @throws Exception when the server cannot be reached or answers something else
     */
    int caseCount() throws Exception {
        CompletableFuture<String> count = new CompletableFuture<>();
        client.connect(uri("/getCaseCount"), new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                count.complete(text.strip());
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                count.completeExceptionally(new IllegalStateException("closed (" + code + ") without a case count"));
            }
        }).get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        String text = count.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the case count is not a number: " + text, e);
        }
    }

    /**
     * Runs one case: echoes everything until the server closes.
     *
     * @param number the case's number, from 1
     * @return how the connection ended, for the progress line
     * @throws InterruptedException when interrupted while waiting
     */
    String runCase(int number) throws InterruptedException {
        return runUntilClosed(uri("/runCase?case=" + number + "&agent=" + encode(agent)));
    }

    /**
     * Makes the server write the reports for this agent.
     *
     * @return how the connection ended
     * @throws InterruptedException when interrupted while waiting
     */
    String updateReports() throws InterruptedException {
        return runUntilClosed(uri("/updateReports?agent=" + encode(agent)));
    }

    private String runUntilClosed(URI uri) throws InterruptedException {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        EchoListener echo = new EchoListener();
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                echo.onText(socket, text);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                echo.onBinary(socket, data);
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                closed.complete(code);
            }
        };
        CompletableFuture<WebSocket> connecting = client.connect(uri, listener);
        try {
            connecting.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return "closed " + closed.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // a case may fail the handshake on purpose (the report records the outcome)
            return "connect failed: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            connecting.cancel(false);
            connecting.thenAccept(WebSocket::abort);
            return "abandoned after " + caseTimeout.toSeconds() + " s";
        }
    }

    private URI uri(String pathAndQuery) {
        String base = server.toString().replaceFirst("/+$", "");
        return URI.create(base + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
