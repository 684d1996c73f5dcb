package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.cases.Payloads.binary;
import static dev.wsnio.conformance.cases.Payloads.utf8;
import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.testkit.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §5.5.2 and §5.5.3 (Autobahn category 2): pings are answered with pongs carrying the
 * same data, at every allowed length; a 126-byte control frame fails the connection; pongs
 * nobody asked for are ignored; bursts are answered in order.
 */
public final class PingPongCases {

    private PingPongCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.PING_PONG;
        for (int length : new int[] {0, 1, 125}) {
            cases.add(onBoth(g, "ping-length-" + length, "a ping of " + length + " bytes gets the same pong",
                    wire -> {
                        wire.send(Frame.ping(binary(length)));
                        wire.expectPong(binary(length));
                        wire.closeCleanly(1000, "");
                    }));
        }
        cases.add(onBoth(g, "ping-every-length-0-to-125",
                "pings of every length from 0 to 125 bytes each get the same pong",
                wire -> {
                    for (int length = 0; length <= 125; length++) {
                        wire.send(Frame.ping(binary(length)));
                        wire.expectPong(binary(length));
                    }
                }));
        cases.add(onBoth(g, "ping-binary-payload",
                "a ping's data is binary, not text: bytes that are invalid UTF-8 come back as they were",
                wire -> {
                    byte[] data = Payloads.hex("00 ff fe ed a0 80 c0 80 f8 88 80 80 80 0d 0a");
                    wire.send(Frame.ping(data));
                    wire.expectPong(data);
                }));
        cases.add(onBoth(g, "ping-length-126-fails-1002",
                "§5.5: a control frame over 125 bytes fails the connection (1002) and gets no pong",
                wire -> {
                    wire.send(Frame.ping(binary(126)));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "pong-length-126-fails-1002",
                "§5.5: a pong over 125 bytes fails the connection (1002)",
                wire -> {
                    wire.send(Frame.pong(binary(126)));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "ping-length-125-one-byte-writes",
                "a 125-byte ping written one byte per write gets its pong",
                wire -> {
                    wire.sendInChunks(wire.encode(Frame.ping(binary(125))), 1);
                    wire.expectPong(binary(125));
                }));
        cases.add(onBoth(g, "unsolicited-pong-ignored",
                "§5.5.3: a pong without a ping is ignored (no answer, the connection stays up)",
                wire -> {
                    wire.send(Frame.pong(utf8("unsolicited")), Frame.text("after the pong"));
                    wire.expectText("after the pong");
                }));
        cases.add(onBoth(g, "unsolicited-empty-pong-ignored",
                "§5.5.3: an empty pong without a ping is ignored",
                wire -> {
                    wire.send(Frame.pong(new byte[0]), Frame.text("after the pong"));
                    wire.expectText("after the pong");
                }));
        cases.add(onBoth(g, "unsolicited-pong-then-ping",
                "an unsolicited pong, then a ping: only the ping is answered",
                wire -> {
                    wire.send(Frame.pong(utf8("unsolicited")), Frame.ping(utf8("real ping")));
                    wire.expectPong(utf8("real ping"));
                }));
        cases.add(onBoth(g, "ten-pings-in-one-write-answered-in-order",
                "§5.5.2: ten pings sent at once get ten pongs, in order (none coalesced away)",
                wire -> {
                    Frame[] pings = new Frame[10];
                    for (int i = 0; i < pings.length; i++) {
                        pings[i] = Frame.ping("ping " + i);
                    }
                    wire.send(pings);
                    for (int i = 0; i < pings.length; i++) {
                        wire.expectPong(utf8("ping " + i));
                    }
                }));
        cases.add(onBoth(g, "ten-pings-one-byte-writes-answered-in-order",
                "ten pings written one byte per write get ten pongs, in order",
                wire -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (int i = 0; i < 10; i++) {
                        bytes.writeBytes(wire.encode(Frame.ping("ping " + i)));
                    }
                    wire.sendInChunks(bytes.toByteArray(), 1);
                    for (int i = 0; i < 10; i++) {
                        wire.expectPong(utf8("ping " + i));
                    }
                }));
        cases.add(onBoth(g, "ping-between-messages",
                "text, ping, text in one write: echo, pong, echo, in order",
                wire -> {
                    wire.send(Frame.text("one"), Frame.ping("p"), Frame.text("two"));
                    wire.expectText("one");
                    wire.expectPong(utf8("p"));
                    wire.expectText("two");
                }));
        cases.add(onBoth(g, "ping-then-close",
                "a ping and a close in one write: the pong comes before the close answer",
                wire -> {
                    wire.send(Frame.ping("before closing"), Frame.close(1000, ""));
                    wire.expectPong(utf8("before closing"));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "testee-ping-has-its-data", "our endpoint's own ping (application API) carries"
                        + " its data; our pong reaches the application", Behaviour.PING_ON_OPEN,
                wire -> {
                    wire.expectFrame(Frame.ping("are you there?"));
                    wire.send(Frame.pong(utf8("are you there?")));
                    wire.expectText("pong: are you there?");
                }));
        return cases;
    }
}
