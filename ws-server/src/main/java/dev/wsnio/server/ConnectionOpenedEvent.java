package dev.wsnio.server;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JDK Flight Recorder: a WebSocket connection opened (after the 101). */
@Name("dev.wsnio.ConnectionOpened")
@Label("WebSocket Connection Opened")
@Category({"wsnio", "WebSocket"})
@Description("A WebSocket connection completed its opening handshake on the server")
final class ConnectionOpenedEvent extends Event {

    @Label("Remote Address")
    String remoteAddress;

    @Label("Path")
    String path;
}
