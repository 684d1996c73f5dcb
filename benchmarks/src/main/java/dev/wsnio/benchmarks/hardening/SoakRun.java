package dev.wsnio.benchmarks.hardening;

import dev.wsnio.benchmarks.load.ServerProcess;
import dev.wsnio.benchmarks.peers.Durations;
import dev.wsnio.client.WebSocketClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The soak run: for a fixed time, peers open connections, exchange, close cleanly or vanish
 * (reset, or silent), mixed with plain HTTP requests (one at a time, pipelined, HTTP/1.0,
 * pipelined and never read), at a steady rate; the server's file descriptors, threads, live
 * heap and resident memory are reported at the start, every report interval and at the end,
 * after the peers have gone. A server that leaks shows lines that climb.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.hardening.SoakRun --port N
 * --server-pid PID [--duration 10m] [--report-every 1m] [--rate 100] [--workers 16]
 * [--seed N]}: {@code rate} activities per second in total, shared by the workers. Bounded: it
 * stops by itself after the duration, and a watchdog ends the process 3 minutes later if
 * anything hangs.
 */
public final class SoakRun {

    private SoakRun() {
    }

    /**
     * Runs the soak; exits 0.
     *
     * @param args see the class comment
     * @throws Exception when the server cannot be read
     */
    public static void main(String[] args) throws Exception {
        int port = -1;
        long pid = -1;
        Duration duration = Duration.ofMinutes(10);
        Duration reportEvery = Duration.ofMinutes(1);
        int rate = 100;
        int workers = 16;
        long seed = System.nanoTime();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--server-pid" -> pid = Long.parseLong(value);
                case "--duration" -> duration = Durations.parse(value);
                case "--report-every" -> reportEvery = Durations.parse(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--workers" -> workers = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 0 || pid < 0) {
            throw new IllegalArgumentException("need --port N --server-pid PID");
        }
        startWatchdog(duration.plusMinutes(3));
        run(port, new ServerProcess(pid), duration, reportEvery, rate, workers, seed, System.out);
        System.exit(0);
    }

    private static void run(int port, ServerProcess server, Duration duration, Duration reportEvery, int rate,
                            int workerCount, long seed, PrintStream out) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "soak: %s against 127.0.0.1:%d (pid %d), %d activities/s by %d workers, seed %d%n",
                duration, port, server.pid(), rate, workerCount, seed);
        report(out, "start", server, null);
        long deadline = System.nanoTime() + duration.toNanos();
        try (WebSocketClient client = WebSocketClient.builder().concurrentHandshakesPerHost().build()) {
            SoakTraffic traffic = new SoakTraffic(port, client);
            List<Thread> workers = new ArrayList<>();
            long pauseNanos = 1_000_000_000L * workerCount / rate; // between one worker's activities
            for (int i = 0; i < workerCount; i++) {
                SplittableRandom random = new SplittableRandom(seed + i);
                Thread worker = new Thread(() -> work(traffic, random, deadline, pauseNanos), "soak-worker-" + i);
                worker.start();
                workers.add(worker);
            }
            long nextReport = System.nanoTime() + reportEvery.toNanos();
            int minute = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.max(1, Math.min(1_000, (Math.min(nextReport, deadline) - System.nanoTime()) / 1_000_000)));
                traffic.dropSilentPeers(false);
                if (System.nanoTime() >= nextReport && System.nanoTime() < deadline) {
                    minute++;
                    report(out, "after " + reportEvery.multipliedBy(minute).toSeconds() + " s", server, traffic);
                    nextReport += reportEvery.toNanos();
                }
            }
            for (Thread worker : workers) {
                worker.join();
            }
            traffic.dropSilentPeers(true);
            out.println("soak: traffic stopped; " + traffic.counts());
            Thread.sleep(5_000); // closes in flight finish
            report(out, "end", server, traffic);
            out.printf(Locale.ROOT, "RESULT soak failures=%d%n", traffic.failures());
        }
    }

    private static void work(SoakTraffic traffic, SplittableRandom random, long deadline, long pauseNanos) {
        long next = System.nanoTime();
        while (next < deadline && !Thread.currentThread().isInterrupted()) {
            traffic.run(traffic.pick(random));
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // behind: do not make up for lost time in a burst
            }
        }
    }

    private static void report(PrintStream out, String when, ServerProcess server, SoakTraffic traffic) throws IOException {
        ServerSnapshot snapshot = ServerSnapshot.of(server);
        out.printf(Locale.ROOT, "%-12s %s%s%n", when + ":", snapshot.describe(),
                traffic == null ? "" : " | " + traffic.counts());
        out.printf(Locale.ROOT, "SNAPSHOT when=%s %s%n", when.replace(' ', '_'), snapshot.fields(""));
        out.flush();
    }

    private static void startWatchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("soak: still running after " + limit + "; stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
