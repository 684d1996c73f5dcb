package dev.wsnio.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsSamplerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final MessageCounter messages = new MessageCounter();
    private final MetricsSampler sampler = new MetricsSampler(() -> 3, messages,
            new SimulatedOrders(new Random(1)), clock::get);

    @Test
    void messageRateIsMeasuredSinceThePreviousSample() {
        messages.add(10);
        clock.addAndGet(500);
        assertEquals(20.0, sampler.sample().messagesPerSecond(), 1e-9);

        clock.addAndGet(2_000);
        assertEquals(0.0, sampler.sample().messagesPerSecond(), 1e-9);

        messages.add(3);
        clock.addAndGet(1_000);
        assertEquals(3.0, sampler.sample().messagesPerSecond(), 1e-9);
    }

    @Test
    void snapshotCarriesClientsTimeHeapAndCpu() {
        clock.addAndGet(250);
        MetricsSnapshot snapshot = sampler.sample();
        assertEquals(3, snapshot.clients());
        assertEquals(1_000_250, snapshot.timeMillis());
        assertTrue(snapshot.heapUsedBytes() > 0);
        assertTrue(Double.isNaN(snapshot.cpuPercent()) || snapshot.cpuPercent() >= 0 && snapshot.cpuPercent() <= 100,
                "cpu " + snapshot.cpuPercent());
    }

    @Test
    void simulatedOrdersStayNonNegativeAndNearTheirWave() {
        SimulatedOrders orders = new SimulatedOrders(new Random(7));
        for (long t = 0; t < 600_000; t += 250) {
            double value = orders.next(t);
            assertTrue(value >= 0 && value < 300, "orders " + value + " at " + t);
        }
    }

    @Test
    void snapshotJsonHasEveryFieldTheDashboardReads() {
        MetricsSnapshot snapshot = new MetricsSnapshot(5, Double.NaN, "load average", 1024, -1, 2, 4.25, 120.04);
        assertEquals("{\"type\":\"metrics\",\"time\":5,\"cpu\":null,\"cpuSource\":\"load average\",\"heapUsed\":1024,"
                + "\"heapMax\":-1,\"clients\":2,\"messagesPerSecond\":4.3,\"ordersPerMinute\":120.0}", snapshot.toJson());
    }
}
