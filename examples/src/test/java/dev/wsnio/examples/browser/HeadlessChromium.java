package dev.wsnio.examples.browser;

import dev.wsnio.testkit.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, with a fresh profile and its DevTools endpoint on a free
 * loopback port. A missing browser is a test failure, not a skip: the browser tests are part of
 * what shows the demo works.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PAGE_DEBUGGER_URL = Pattern.compile(
            "\"type\":\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\":\\s*\"(ws://[^\"]+)\"");

    private final ChildProcess process;
    private final Path profile;
    private final int devToolsPort;
    private final Path logFile;

    private HeadlessChromium(ChildProcess process, Path profile, int devToolsPort, Path logFile) {
        this.process = process;
        this.profile = profile;
        this.devToolsPort = devToolsPort;
        this.logFile = logFile;
    }

    /**
     * Starts the browser with one blank tab.
     *
     * @param logFile where the browser's own output is kept once it stops
     * @return the running browser
     * @throws AssertionError when no chromium executable is on the PATH
     */
    static HeadlessChromium start(Path logFile) throws Exception {
        Path executable = find().orElseThrow(() -> new AssertionError(
                "chromium not found on PATH (install Debian's package: apt-get install -y chromium)"));
        Path profile = Files.createTempDirectory("wsnio-chromium-");
        ChildProcess process = ChildProcess.start(Path.of("."), executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profile, "--window-size=1280,800",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank");
        HeadlessChromium browser = null;
        try {
            browser = new HeadlessChromium(process, profile, awaitDevToolsPort(process, profile), logFile);
            return browser;
        } finally {
            if (browser == null) {
                stop(process, profile, logFile);
            }
        }
    }

    /**
     * Connects to the browser's first tab.
     *
     * @return the tab, ready for commands
     */
    DevToolsPage firstPage() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String targets = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + devToolsPort + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher page = PAGE_DEBUGGER_URL.matcher(targets);
            if (page.find()) {
                return DevToolsPage.connect(URI.create(page.group(1)));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chromium shows no page target: " + targets);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws IOException {
        stop(process, profile, logFile);
    }

    /** The executable: {@code $CHROMIUM} when set, else {@code chromium} on the PATH. */
    private static Optional<Path> find() {
        String override = System.getenv("CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Chromium writes the port it bound into {@code DevToolsActivePort} in the profile. */
    private static int awaitDevToolsPort(ChildProcess process, Path profile) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("chromium exited with status " + process.awaitExit(Duration.ZERO)
                        + " at start: " + process.err().text());
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).matches("\\d+")) {
                    return Integer.parseInt(lines.get(0));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium did not open its DevTools port within " + START_TIMEOUT);
    }

    /** Keeps the browser's output in the log file, kills it with its children, deletes its profile. */
    private static void stop(ChildProcess process, Path profile, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.writeString(logFile, process.out().text() + process.err().text(), StandardCharsets.UTF_8);
        process.close();
        deleteRecursively(profile);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
