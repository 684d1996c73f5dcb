package dev.wsnio.examples.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Takes {@link MetricsSnapshot}s: CPU load, heap, connected clients, message rate and the
 * simulated business metric. Called from one thread at a time (the publisher's).
 */
final class MetricsSampler {

    private final CpuLoad cpu = new CpuLoad();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final IntSupplier clients;
    private final MessageCounter messages;
    private final SimulatedOrders orders;
    private final LongSupplier clock;
    private long lastTotal;
    private long lastMillis;

    /**
     * Creates a sampler.
     *
     * @param clients the number of open connections
     * @param messages the server's message count
     * @param orders the business metric
     * @param clock the time in epoch milliseconds
     */
    MetricsSampler(IntSupplier clients, MessageCounter messages, SimulatedOrders orders, LongSupplier clock) {
        this.clients = clients;
        this.messages = messages;
        this.orders = orders;
        this.clock = clock;
        this.lastMillis = clock.getAsLong();
        this.lastTotal = messages.total();
    }

    /**
     * Takes a snapshot; the message rate is measured since the previous one.
     *
     * @return the snapshot of now
     */
    MetricsSnapshot sample() {
        long now = clock.getAsLong();
        long total = messages.total();
        long elapsed = Math.max(1, now - lastMillis);
        double perSecond = (total - lastTotal) * 1000.0 / elapsed;
        lastTotal = total;
        lastMillis = now;
        MemoryUsage heap = memory.getHeapMemoryUsage();
        CpuLoad.Reading load = cpu.read();
        return new MetricsSnapshot(now, load.percent(), load.source(), heap.getUsed(), heap.getMax(),
                clients.getAsInt(), perSecond, orders.next(now));
    }
}
