package dev.wsnio.benchmarks.load;

import java.io.IOException;
import java.time.Duration;

/**
 * The load tool: drives an echo server over loopback with wsnio's client, either with echo
 * traffic (throughput, latency percentiles, errors, CPU) or with idle connections (the server's
 * memory per connection). Every run is bounded: it stops by itself, and a watchdog ends the
 * process if anything hangs. See {@link LoadOptions#USAGE} for the options.
 */
public final class LoadTool {

    private LoadTool() {
    }

    /**
     * Runs the tool; exits with 0 after a run without errors, 1 after a run with errors, 2 on
     * bad options, 3 when the watchdog fired.
     *
     * @param args see {@link LoadOptions#USAGE}
     * @throws InterruptedException when interrupted
     * @throws IOException when the server process cannot be read
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        startWatchdog(options);
        long errors = options.mode() == LoadOptions.Mode.ECHO
                ? new EchoLoad(options, System.out).run()
                : new IdleLoad(options, System.out).run();
        System.exit(errors == 0 ? 0 : 1);
    }

    /** Ends the process if the run takes far longer than it should. */
    private static void startWatchdog(LoadOptions options) {
        Duration limit = options.warmup().plus(options.duration()).plus(options.settle()).plus(options.hold())
                .plus(Duration.ofMinutes(5));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("load tool: still running after " + limit + "; stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
