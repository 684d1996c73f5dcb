package dev.wsnio.server;

import java.util.Map;

/**
 * A snapshot of the numbers an operator of a server watches ({@link WebSocketServer#stats()}).
 * The counters count since the server was built; read two snapshots and subtract for rates.
 * Message and byte counts are of WebSocket data messages and their payload (after
 * decompression when received, before compression when sent), not of frames or TCP bytes; a
 * broadcast counts once per connection it was written to.
 *
 * @param tcpConnections open TCP connections, HTTP and WebSocket
 * @param webSocketConnections open WebSocket connections
 * @param webSocketsOpened WebSocket connections opened so far
 * @param messagesReceived data messages received
 * @param bytesReceived their payload bytes
 * @param messagesSent data messages written to sockets
 * @param bytesSent their payload bytes
 * @param sendsRefused sends refused because a connection's send queue was over its limit
 *     (slow consumers), including broadcasts that skipped a connection
 * @param relaysFailed published messages the {@link TopicBus} could not take for the other
 *     servers (0 with the in-process bus)
 * @param closedByCode closed WebSocket connections by the close code their listener saw
 *     (1006: lost without a close frame)
 * @param topicMembers the local members of each topic that has any
 */
public record ServerStats(int tcpConnections, int webSocketConnections, long webSocketsOpened,
                          long messagesReceived, long bytesReceived, long messagesSent, long bytesSent,
                          long sendsRefused, long relaysFailed, Map<Integer, Long> closedByCode,
                          Map<String, Integer> topicMembers) {

    /**
     * Copies the maps.
     *
     * @param tcpConnections open TCP connections
     * @param webSocketConnections open WebSocket connections
     * @param webSocketsOpened WebSocket connections opened so far
     * @param messagesReceived data messages received
     * @param bytesReceived their payload bytes
     * @param messagesSent data messages written
     * @param bytesSent their payload bytes
     * @param sendsRefused sends refused by a full send queue
     * @param relaysFailed messages the bus could not relay
     * @param closedByCode closed connections by close code (copied)
     * @param topicMembers local members per topic (copied)
     */
    public ServerStats {
        closedByCode = Map.copyOf(closedByCode);
        topicMembers = Map.copyOf(topicMembers);
    }
}
