package dev.wsnio.server;

import dev.wsnio.WebSocket;
import dev.wsnio.engine.TrafficObserver;

/**
 * One WebSocket connection's traffic, added to the server's counters, and its Flight Recorder
 * events (closed, slow consumer), which name the connection. The names are written only when
 * an event is recorded: a connection keeps its handle, not strings made for events that may
 * never be.
 */
final class ConnectionTraffic implements TrafficObserver {

    private final ServerTraffic totals;
    private final WebSocket socket;
    private final long openedNanos = System.nanoTime();

    ConnectionTraffic(ServerTraffic totals, WebSocket socket) {
        this.totals = totals;
        this.socket = socket;
        totals.webSocketsOpened.increment();
        ConnectionOpenedEvent event = new ConnectionOpenedEvent();
        if (event.isEnabled()) {
            event.remoteAddress = String.valueOf(socket.remoteAddress());
            event.path = socket.request().path();
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
            event.remoteAddress = String.valueOf(socket.remoteAddress());
            event.path = socket.request().path();
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
            event.remoteAddress = String.valueOf(socket.remoteAddress());
            event.path = socket.request().path();
            event.code = code;
            event.openMillis = (System.nanoTime() - openedNanos) / 1_000_000;
            event.commit();
        }
    }
}
