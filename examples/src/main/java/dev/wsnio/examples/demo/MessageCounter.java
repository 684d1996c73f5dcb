package dev.wsnio.examples.demo;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the WebSocket messages the dashboard server sends and receives, from any thread, for
 * the "messages per second" series.
 */
final class MessageCounter {

    private final LongAdder messages = new LongAdder();

    /**
     * Counts messages sent or received.
     *
     * @param count how many
     */
    void add(long count) {
        messages.add(count);
    }

    /**
     * Every message counted so far.
     *
     * @return the count
     */
    long total() {
        return messages.sum();
    }
}
