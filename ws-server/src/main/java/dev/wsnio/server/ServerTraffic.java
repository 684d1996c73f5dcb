package dev.wsnio.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's traffic counters, added to by its connections from every loop thread. Adders,
 * not atomics: many writers, a rare reader ({@link WebSocketServer#stats()}).
 */
final class ServerTraffic {

    final LongAdder webSocketsOpened = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder sendsRefused = new LongAdder();
    final LongAdder relaysFailed = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> closedByCode = new ConcurrentHashMap<>();

    void closed(int code) {
        closedByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    Map<Integer, Long> closedByCode() {
        Map<Integer, Long> counts = new TreeMap<>();
        closedByCode.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }
}
