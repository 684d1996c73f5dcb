package dev.wsnio.examples.browser;

import dev.wsnio.examples.JsonFields;
import dev.wsnio.examples.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One browser tab driven through the Chrome DevTools Protocol: a JSON-RPC over a WebSocket (the
 * JDK's client), with commands such as {@code Page.navigate} and {@code Runtime.evaluate}.
 * Every wait is bounded.
 */
final class DevToolsPage implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    private DevToolsPage(WebSocket socket, Responses responses) {
        this.socket = socket;
        responses.page = this;
    }

    /**
     * Connects to a tab's DevTools WebSocket.
     *
     * @param debuggerUrl the tab's {@code webSocketDebuggerUrl}
     * @return the connected page
     */
    static DevToolsPage connect(URI debuggerUrl) throws Exception {
        Responses responses = new Responses();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(COMMAND_TIMEOUT)
                .buildAsync(debuggerUrl, responses)
                .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new DevToolsPage(socket, responses);
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param method e.g. {@code Page.navigate}
     * @param params the parameters as a JSON object
     * @return the whole answer, as JSON
     * @throws AssertionError when the browser answers with an error
     */
    String call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String command = new JsonObject().field("id", id).field("method", method).rawField("params", params).toString();
        socket.sendText(command, true).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String result = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (result.contains("\"error\":{")) {
            throw new AssertionError(method + " failed: " + result);
        }
        return result;
    }

    /**
     * Opens a URL in this tab (returns once navigation started; use the await methods for the
     * page's state).
     *
     * @param url the address
     */
    void navigate(String url) throws Exception {
        call("Page.navigate", new JsonObject().field("url", url).toString());
    }

    /**
     * Evaluates a JavaScript expression in the page and returns its value as a string.
     *
     * @param expression the expression
     * @return {@code String(expression)}
     * @throws AssertionError when the expression throws
     */
    String evaluate(String expression) throws Exception {
        String answer = call("Runtime.evaluate", new JsonObject()
                .field("expression", "String(" + expression + ")")
                .rawField("returnByValue", "true").toString());
        if (answer.contains("\"exceptionDetails\"")) {
            throw new AssertionError("evaluating " + expression + " threw: " + answer);
        }
        return JsonFields.string(answer, "value").orElseThrow(() -> new AssertionError("no value in " + answer));
    }

    /**
     * The text of an element, or {@code "(none)"} when there is no such element (yet).
     *
     * @param id the element's id
     * @return its {@code textContent}
     */
    String text(String id) throws Exception {
        return evaluate("(document.getElementById('" + id + "') || {textContent: '(none)'}).textContent");
    }

    /**
     * Clicks a button as the user would (its click handlers run).
     *
     * @param id the button's id
     */
    void click(String id) throws Exception {
        evaluate("document.getElementById('" + id + "').click()");
    }

    /**
     * Waits until an element's text satisfies a condition, polling the page.
     *
     * @param id the element's id
     * @param condition what the text must satisfy
     * @param timeout the longest wait
     * @return the text that satisfied it
     * @throws AssertionError when the time is up, with the last text seen
     */
    String awaitText(String id, Predicate<String> condition, Duration timeout) throws Exception {
        return awaitValue("(document.getElementById('" + id + "') || {textContent: '(none)'}).textContent",
                condition, timeout);
    }

    /**
     * Waits until a JavaScript expression's value satisfies a condition, polling the page.
     *
     * @param expression the expression, evaluated as {@code String(expression)}
     * @param condition what the value must satisfy
     * @param timeout the longest wait
     * @return the value that satisfied it
     * @throws AssertionError when the time is up, with the last value seen
     */
    String awaitValue(String expression, Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String value = evaluate(expression);
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(expression + " still '" + value + "' after " + timeout.toMillis() + " ms");
            }
            Thread.sleep(POLL_MILLIS); // the page's DOM can only be polled from here
            value = evaluate(expression);
        }
        return value;
    }

    /**
     * Waits until an element's text, read as a number, reaches a value.
     *
     * @param id the element's id
     * @param atLeast the smallest acceptable value
     * @param timeout the longest wait
     * @return the value reached
     */
    long awaitAtLeast(String id, long atLeast, Duration timeout) throws Exception {
        return Long.parseLong(awaitText(id, text -> text.matches("\\d+") && Long.parseLong(text) >= atLeast, timeout));
    }

    /**
     * Sets the size of the tab's viewport, as a window of that size would have it.
     *
     * @param width CSS pixels
     * @param height CSS pixels
     */
    void viewport(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", new JsonObject().field("width", width).field("height", height)
                .field("deviceScaleFactor", 1).rawField("mobile", "false").toString());
    }

    /**
     * Saves a PNG of what the tab shows.
     *
     * @param file where to write it
     */
    void screenshot(Path file) throws Exception {
        String answer = call("Page.captureScreenshot", new JsonObject().field("format", "png").toString());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(JsonFields.string(answer, "data").orElseThrow()));
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void answered(String message) {
        // Answers carry the command's id; events ("method":...) have none and are ignored.
        int at = message.indexOf("\"id\":");
        if (at < 0 || message.startsWith("{\"method\"")) {
            return;
        }
        int end = at + 5;
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        CompletableFuture<String> answer = pending.remove(Integer.parseInt(message.substring(at + 5, end)));
        if (answer != null) {
            answer.complete(message);
        }
    }

    /** Assembles the browser's messages (possibly split in parts) and hands them to the page. */
    private static final class Responses implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        private volatile DevToolsPage page;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String whole = message.toString();
                message.setLength(0);
                if (page != null) {
                    page.answered(whole);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
