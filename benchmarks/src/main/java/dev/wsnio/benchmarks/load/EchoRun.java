package dev.wsnio.benchmarks.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What all the connections of an echo run share: the phase the run is in, the counters of
 * the measured window, the latency recorder and the error counts. Written by the client's event
 * loops, read by the main thread.
 */
final class EchoRun {

    /** Where the run is. */
    enum Phase {
        /** Sending, not counting. */
        WARMUP,
        /** Sending and counting. */
        MEASURE,
        /** No more sends; outstanding echoes are awaited. */
        DRAIN
    }

    /** The largest latency recorded exactly; longer ones are recorded as this. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MISMATCH_SAMPLES = 5;

    private volatile Phase phase = Phase.WARMUP;
    private final Recorder latencies = new Recorder(MAX_LATENCY_NANOS, 3);
    final LongAdder messages = new LongAdder();
    final LongAdder payloadBytes = new LongAdder();
    final LongAdder mismatches = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder unexpectedCloses = new LongAdder();
    final LongAdder connectionErrors = new LongAdder();

    /** Descriptions of the first few mismatched echoes, for the report. */
    private final ConcurrentLinkedQueue<String> mismatchSamples = new ConcurrentLinkedQueue<>();

    /**
     * Counts an echo that is not the message expected, keeping the first few descriptions.
     *
     * @param description what was expected and what came
     */
    void countMismatch(String description) {
        mismatches.increment();
        if (mismatchSamples.size() < MISMATCH_SAMPLES) {
            mismatchSamples.add(description);
        }
    }

    /** The first few mismatch descriptions. */
    List<String> mismatchSamples() {
        return List.copyOf(mismatchSamples);
    }

    Phase phase() {
        return phase;
    }

    /** Starts the measured window: counters and latencies recorded so far are dropped. */
    void startMeasuring() {
        phase = Phase.MEASURE;
        messages.reset();
        payloadBytes.reset();
        latencies.reset();
    }

    /** Ends the measured window: no more messages are sent. */
    void startDraining() {
        phase = Phase.DRAIN;
    }

    /**
     * Counts an echo received in the measured window.
     *
     * @param size its payload size
     * @param latencyNanos the time from its send to its receipt
     */
    void countEcho(int size, long latencyNanos) {
        messages.increment();
        payloadBytes.add(size);
        latencies.recordValue(Math.min(Math.max(latencyNanos, 0), MAX_LATENCY_NANOS));
    }

    /** The latencies recorded since the measured window started. */
    Histogram latencies() {
        return latencies.getIntervalHistogram();
    }
}
