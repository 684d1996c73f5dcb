package dev.wsnio.examples.demo;

import dev.wsnio.examples.JsonObject;

/**
 * One sample of the dashboard's time series, as pushed to every open page.
 *
 * @param timeMillis when it was taken (epoch milliseconds)
 * @param cpuPercent the machine's CPU load in percent, or NaN when the JVM cannot tell
 * @param cpuSource what {@code cpuPercent} measures ({@link CpuLoad.Reading#source()})
 * @param heapUsedBytes the JVM heap in use
 * @param heapMaxBytes the most heap the JVM may use, or -1 when unbounded
 * @param clients open WebSocket connections
 * @param messagesPerSecond WebSocket messages sent and received per second, over the last
 *     interval
 * @param ordersPerMinute the simulated business metric
 */
public record MetricsSnapshot(long timeMillis, double cpuPercent, String cpuSource, long heapUsedBytes,
                              long heapMaxBytes, int clients, double messagesPerSecond,
                              double ordersPerMinute) {

    /**
     * The JSON message the page receives, e.g.
     * {@code {"type":"metrics","time":1767225600000,"cpu":12.5,...}}.
     *
     * @return the message
     */
    public String toJson() {
        return new JsonObject()
                .field("type", "metrics")
                .field("time", timeMillis)
                .field("cpu", cpuPercent, 1)
                .field("cpuSource", cpuSource)
                .field("heapUsed", heapUsedBytes)
                .field("heapMax", heapMaxBytes)
                .field("clients", clients)
                .field("messagesPerSecond", messagesPerSecond, 1)
                .field("ordersPerMinute", ordersPerMinute, 1)
                .toString();
    }
}
