package dev.wsnio.examples.demo;

import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.server.BroadcastResult;
import dev.wsnio.server.WebSocketServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a {@link MetricsSnapshot} to every open page at a fixed rate, on one daemon thread of
 * its own: the server publishes it to the pages' topic, encoding the frame once for all of them,
 * and skips pages whose send queue is full instead of buffering for them.
 */
final class MetricsPublisher {

    private final WebSocketServer server;
    private final MetricsSampler sampler;
    private final MessageCounter messages;
    private final TimestampedLog log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wsnio-demo-metrics");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Creates a publisher; nothing is sent before {@link #start}.
     *
     * @param server the server whose connections receive the snapshots
     * @param sampler takes the snapshots
     * @param messages counts the messages pushed
     * @param log where failures are reported
     */
    MetricsPublisher(WebSocketServer server, MetricsSampler sampler, MessageCounter messages, TimestampedLog log) {
        this.server = server;
        this.sampler = sampler;
        this.messages = messages;
        this.log = log;
    }

    /**
     * Starts pushing.
     *
     * @param interval the time between two snapshots
     */
    void start(Duration interval) {
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::publishOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops pushing; a snapshot being sent is finished. */
    void stop() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishOnce() {
        try {
            BroadcastResult result = server.publish(DashboardServer.METRICS_TOPIC, sampler.sample().toJson());
            messages.add(result.queued());
        } catch (RuntimeException e) {
            // a failed tick must not end the schedule (the executor would cancel it)
            log.println("metrics: " + e);
        }
    }
}
