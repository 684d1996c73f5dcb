package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.cases.Payloads.hex;
import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §5.5.1 and §7 (Autobahn category 7): the closing handshake from either end, every
 * valid and invalid status code, close bodies of every awkward size, reasons that are not
 * UTF-8, and what may happen after a close frame (nothing: no data, no pong, no second close).
 * Who closes TCP is checked too (§7.1.1): the server at once, the client only after the server.
 */
public final class ClosingCases {

    /** Codes that may appear in a close frame (§7.4.1, §7.4.2, IANA registry). */
    private static final List<Integer> VALID_CODES = List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010,
            1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999);
    /** Codes that must not: unused, reserved, local-only, unassigned, out of range. */
    private static final List<Integer> INVALID_CODES = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000,
            2999, 5000, 65535);

    private ClosingCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.CLOSING;
        for (int code : VALID_CODES) {
            cases.add(onBoth(g, "close-code-" + code + "-echoed",
                    "§5.5.1: a close with code " + code + " is answered with a close echoing the code",
                    wire -> wire.closeCleanly(code, "")));
        }
        for (int code : INVALID_CODES) {
            cases.add(onBoth(g, "close-code-" + code + "-fails-1002",
                    "§7.4: a close with code " + code + " (not allowed on the wire) fails the connection (1002)",
                    wire -> {
                        wire.send(Frame.close(code, ""));
                        wire.expectFailure(1002);
                    }));
        }
        cases.add(onBoth(g, "close-empty-body", "§5.5.1: a close without a body is answered with a close"
                        + " without a body",
                wire -> {
                    wire.send(Frame.closeBody(new byte[0]));
                    wire.expectFrame(Frame.closeBody(new byte[0]));
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "close-one-byte-body-fails-1002",
                "§5.5.1: a close body of one byte cannot hold a code: 1002",
                wire -> {
                    wire.send(Frame.closeBody(new byte[] {0x03}));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "close-with-reason", "a close with code and reason is answered with the code",
                wire -> wire.closeCleanly(1000, "goodbye")));
        cases.add(onBoth(g, "close-reason-123-bytes",
                "a close with the longest reason (123 bytes: a 125-byte control frame) is answered",
                wire -> wire.closeCleanly(1000, "r".repeat(123))));
        cases.add(onBoth(g, "close-reason-124-bytes-fails-1002",
                "§5.5: a 124-byte reason makes a 126-byte control frame: 1002",
                wire -> {
                    wire.send(Frame.close(1000, "r".repeat(124)));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "close-reason-multibyte-utf8",
                "a reason of multi-byte UTF-8 is valid",
                wire -> wire.closeCleanly(1000, "κόσμε 😀 goodbye")));
        cases.add(onBoth(g, "close-reason-invalid-utf8-fails-1007",
                "§5.5.1, §8.1: a reason that is not UTF-8 fails the connection (1007)",
                wire -> {
                    wire.send(Frame.close(1000, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64")));
                    wire.expectFailure(1007);
                }));
        cases.add(onBoth(g, "close-reason-truncated-utf8-fails-1007",
                "a reason ending inside a character fails the connection (1007)",
                wire -> {
                    wire.send(Frame.close(1000, hex("61 62 e2 82")));
                    wire.expectFailure(1007);
                }));
        cases.add(onBoth(g, "text-then-close", "a text message and a close in one write: echo, then the close answer",
                wire -> {
                    wire.send(Frame.text("last words"), Frame.close(1000, ""));
                    wire.expectText("last words");
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "data-after-close-ignored",
                "§5.5.1: after a close frame nothing more is processed: a text after it is not echoed",
                wire -> {
                    wire.send(Frame.close(1000, ""), Frame.text("too late"));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "ping-after-close-not-answered",
                "a ping after a close frame gets no pong",
                wire -> {
                    wire.send(Frame.close(1000, ""), Frame.ping("too late"));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "second-close-not-answered",
                "a close is answered once: a second close frame gets nothing",
                wire -> {
                    wire.send(Frame.close(1000, ""), Frame.close(1001, ""));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "invalid-frame-after-close-ignored",
                "after a close frame even an invalid frame is ignored: the answer is the plain close",
                wire -> {
                    wire.send(Frame.close(1000, ""), new Frame(true, 0, 0x5, new byte[0]));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "close-one-byte-writes", "a close written one byte per write is answered",
                wire -> {
                    wire.sendInChunks(wire.encode(Frame.close(1000, "slowly")), 1);
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "testee-initiated-close", "§7.1.2: our endpoint's close(1000, \"bye\") sends exactly"
                        + " that; once answered, the connection ends", Behaviour.CLOSE_ON_OPEN,
                wire -> {
                    wire.expectFrame(Frame.close(1000, "bye"));
                    wire.send(Frame.close(1000, ""));
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "testee-initiated-close-data-before-answer",
                "§7.1.2: after sending its close an endpoint still reads (and discards) data until the peer's close",
                Behaviour.CLOSE_ON_OPEN,
                wire -> {
                    wire.expectFrame(Frame.close(1000, "bye"));
                    // It may not echo any more (it sent its close), but must stay up for our close.
                    wire.send(Frame.text("still arriving"), Frame.close(1000, ""));
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "testee-initiated-close-unanswered-times-out",
                "a close left unanswered: our endpoint closes TCP after its close timeout",
                Behaviour.CLOSE_ON_OPEN,
                wire -> {
                    wire.expectFrame(Frame.close(1000, "bye"));
                    wire.expectEndOfStream(); // within the 2 s close timeout (the read waits 5 s)
                }));
        cases.add(onBoth(g, "tcp-close-order",
                "§7.1.1: after the closing handshake the server closes TCP at once; the client waits"
                        + " for the server to do so",
                wire -> {
                    wire.send(Frame.close(1000, ""));
                    wire.expectClose(1000);
                    if (wire.testee() == Side.SERVER) {
                        long start = System.nanoTime();
                        wire.expectEndOfStream();
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        if (millis > 1000) {
                            throw new AssertionError("the server closed TCP only after " + millis
                                    + " ms (a timeout, not the handshake)");
                        }
                    } else {
                        wire.expectSilenceFor(Duration.ofMillis(300));
                        wire.finishClosingHandshake();
                    }
                }));
        cases.add(onBoth(g, "peer-closes-tcp-without-close-frame",
                "a peer that closes TCP without a close frame: our endpoint closes too and releases it",
                wire -> {
                    wire.send(Frame.text("hello"));
                    wire.expectText("hello");
                    wire.shutdownOutput();
                    wire.expectEndOfStream();
                }));
        cases.add(onBoth(g, "peer-half-closes-after-close-frame",
                "a peer that sends its close and at once its FIN gets its close answered and TCP closed",
                wire -> {
                    wire.send(Frame.close(1000, ""));
                    wire.shutdownOutput();
                    wire.expectClose(1000);
                    wire.expectEndOfStream();
                }));
        return cases;
    }
}
