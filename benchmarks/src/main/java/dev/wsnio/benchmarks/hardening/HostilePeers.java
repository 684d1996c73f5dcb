package dev.wsnio.benchmarks.hardening;

import dev.wsnio.benchmarks.load.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one hostile scenario against a server on 127.0.0.1 and measures the server the same way
 * whatever revision it runs: a snapshot before (file descriptors, threads, live heap after a
 * full collection, resident memory), the attack, a snapshot while the attacking peers are still
 * connected, and whether another client still gets {@code GET /hello} answered meanwhile.
 * Bounded: a watchdog ends the process after 5 minutes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.hardening.HostilePeers
 * --scenario pipelining|non-reading-echo|slow-frames --port N --server-pid PID}. The last line
 * is {@code RESULT scenario=... before_heap=... during_heap=... ...}.
 */
public final class HostilePeers {

    private static final Map<String, Supplier<HostileScenario>> SCENARIOS = Map.of(
            "pipelining", PipeliningFlood::new,
            "non-reading-echo", NonReadingEchoPeer::new,
            "slow-frames", SlowFramePeers::new);

    private HostilePeers() {
    }

    /**
     * Runs the scenario; exits 0 when it ran (whatever the server did), 2 on bad arguments.
     *
     * @param args see the class comment
     * @throws Exception when the server cannot be measured
     */
    public static void main(String[] args) throws Exception {
        String scenarioName = null;
        int port = -1;
        long pid = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scenario" -> scenarioName = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> pid = Long.parseLong(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (scenarioName == null || !SCENARIOS.containsKey(scenarioName) || port < 0 || pid < 0) {
            usage("need --scenario " + String.join("|", SCENARIOS.keySet()) + " --port N --server-pid PID");
        }
        startWatchdog();
        run(SCENARIOS.get(scenarioName).get(), port, new ServerProcess(pid), System.out);
        System.exit(0);
    }

    private static void run(HostileScenario scenario, int port, ServerProcess server, PrintStream out)
            throws IOException, InterruptedException {
        helloMillis(port); // warm: the first request loads classes
        ServerSnapshot before = ServerSnapshot.of(server);
        out.println(scenario.name() + ": before      " + before.describe());
        String details;
        ServerSnapshot during;
        String hello;
        try (scenario) {
            scenario.start(port);
            hello = helloMillis(port);
            during = ServerSnapshot.of(server);
            out.println(scenario.name() + ": during      " + during.describe() + "; GET /hello from another client: " + hello);
            details = scenario.finish();
        }
        out.println(scenario.name() + ": peers saw   " + details);
        out.printf(Locale.ROOT, "RESULT scenario=%s %s %s hello=%s %s%n", scenario.name(), before.fields("before_"),
                during.fields("during_"), hello.replace(' ', '_'), details);
    }

    /** Times a {@code GET /hello} on a new connection; says "failed" when it gets no 200. */
    private static String helloMillis(int port) {
        long start = System.nanoTime();
        try (Socket socket = RawPeer.connect(port, 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawPeer.get("/hello", "Connection: close"));
            InputStream in = socket.getInputStream();
            int status = RawPeer.readResponse(in);
            return status == 200
                    ? String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - start) / 1e6)
                    : "failed (" + status + ")";
        } catch (IOException e) {
            return "failed (" + e.getMessage() + ")";
        }
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(5 * 60_000);
                System.err.println("hostile peers: still running after 5 minutes; stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hostile-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -cp benchmarks.jar dev.wsnio.benchmarks.hardening.HostilePeers "
                + "--scenario pipelining|non-reading-echo|slow-frames --port N --server-pid PID");
        System.exit(2);
    }
}
