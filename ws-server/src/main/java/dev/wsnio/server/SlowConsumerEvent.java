package dev.wsnio.server;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JDK Flight Recorder: a send (or a broadcast's share) was refused because the connection's
 * send queue was over its limit: the peer reads slower than the application writes.
 */
@Name("dev.wsnio.SlowConsumer")
@Label("WebSocket Slow Consumer")
@Category({"wsnio", "WebSocket"})
@Description("A message was refused for a connection whose send queue was over maxQueuedBytes")
final class SlowConsumerEvent extends Event {

    @Label("Remote Address")
    String remoteAddress;

    @Label("Path")
    String path;

    @Label("Refused")
    @DataAmount
    long refusedBytes;

    @Label("Queued")
    @DataAmount
    long queuedBytes;
}
