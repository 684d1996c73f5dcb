package dev.wsnio.server;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** JDK Flight Recorder: a WebSocket connection closed, with the code its listener saw. */
@Name("dev.wsnio.ConnectionClosed")
@Label("WebSocket Connection Closed")
@Category({"wsnio", "WebSocket"})
@Description("A WebSocket connection of the server closed (1006: lost without a close frame)")
final class ConnectionClosedEvent extends Event {

    @Label("Remote Address")
    String remoteAddress;

    @Label("Path")
    String path;

    @Label("Close Code")
    int code;

    @Label("Open For")
    @Timespan(Timespan.MILLISECONDS)
    long openMillis;
}
