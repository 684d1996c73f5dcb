package dev.wsnio.server;

import dev.wsnio.engine.TrafficObserver;

/**
 * One WebSocket connection's traffic, added to the server's counters, and its Flight Recorder
 * events (closed, slow consumer), which name the connection.
 */
final class ConnectionTraffic implements TrafficObserver {

    private final ServerTraffic totals;
    private final String remoteAddress;
    private final String path;
    private final long openedNanos = System.nanoTime();

    ConnectionTraffic(ServerTraffic totals, String remoteAddress, String path) {
        this.totals = totals;
        this.remoteAddress = remoteAddress;
        this.path = path;
        totals.webSocketsOpened.increment();
        ConnectionOpenedEvent event = new ConnectionOpenedEvent();
        if (event.isEnabled()) {
            event.remoteAddress = remoteAddress;
            event.path = path;
            event.commit();
        }
    }

    @Override
    public void messageReceived(long payloadBytes) {
        totals.messagesReceived.increment();
        totals.bytesReceived.add(payloadBytes);
    }

    @Override
    public void messageSent(long payloadBytes) {
        totals.messagesSent.increment();
        totals.bytesSent.add(payloadBytes);
    }

    @Override
    public void sendRefused(long payloadBytes, long queuedBytes) {
        totals.sendsRefused.increment();
        SlowConsumerEvent event = new SlowConsumerEvent();
        if (event.isEnabled()) {
            event.remoteAddress = remoteAddress;
            event.path = path;
            event.refusedBytes = payloadBytes;
            event.queuedBytes = queuedBytes;
            event.commit();
        }
    }

    @Override
    public void closed(int code) {
        totals.closed(code);
        ConnectionClosedEvent event = new ConnectionClosedEvent();
        if (event.isEnabled()) {
            event.remoteAddress = remoteAddress;
            event.path = path;
            event.code = code;
            event.openMillis = (System.nanoTime() - openedNanos) / 1_000_000;
            event.commit();
        }
    }
}
