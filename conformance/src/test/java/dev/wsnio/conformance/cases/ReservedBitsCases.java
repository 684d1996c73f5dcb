package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.testkit.wire.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 6455 §5.2 (Autobahn category 3): with no extension negotiated, any RSV bit set fails the
 * connection with 1002, on every kind of frame, including a continuation in the middle of a
 * fragmented message. Each bad frame is sandwiched: a valid message before it must be echoed,
 * and a ping after it must get no pong (nothing is processed after the failure).
 */
public final class ReservedBitsCases {

    private ReservedBitsCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        Map<String, Integer> bits = new LinkedHashMap<>();
        bits.put("rsv1", Frame.RSV1);
        bits.put("rsv2", Frame.RSV2);
        bits.put("rsv3", Frame.RSV3);
        bits.put("rsv1-rsv2-rsv3", Frame.RSV1 | Frame.RSV2 | Frame.RSV3);
        Map<String, Frame> frames = new LinkedHashMap<>();
        frames.put("text", Frame.text("reserved"));
        frames.put("binary", Frame.binary(new byte[] {1, 2, 3}));
        frames.put("ping", Frame.ping("reserved"));
        frames.put("pong", Frame.pong(new byte[0]));
        frames.put("close", Frame.close(1000, ""));
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.RESERVED_BITS;
        for (Map.Entry<String, Integer> bit : bits.entrySet()) {
            for (Map.Entry<String, Frame> frame : frames.entrySet()) {
                Frame bad = frame.getValue().withRsv(bit.getValue());
                cases.add(onBoth(g, bit.getKey() + "-on-" + frame.getKey(),
                        bit.getKey() + " on a " + frame.getKey() + " frame fails the connection (1002)",
                        wire -> {
                            wire.send(Frame.text("before"), bad, Frame.ping("after"));
                            wire.expectText("before");
                            wire.expectFailure(1002);
                        }));
            }
            Frame middle = Frame.continuation("middle").notFinal().withRsv(bit.getValue());
            cases.add(onBoth(g, bit.getKey() + "-on-middle-continuation",
                    bit.getKey() + " on a continuation in the middle of a fragmented message (1002)",
                    wire -> {
                        wire.send(Frame.text("before"), Frame.text("start").notFinal(), middle,
                                Frame.continuation("end"));
                        wire.expectText("before");
                        wire.expectFailure(1002);
                    }));
        }
        cases.add(onBoth(g, "rsv-frame-written-separately",
                "a valid message, then (in later writes) a frame with RSV2, then a ping: echo, 1002, no pong",
                wire -> {
                    wire.sendEach(Frame.text("before"), Frame.text("bad").withRsv(Frame.RSV2), Frame.ping("after"));
                    wire.expectText("before");
                    wire.expectFailure(1002);
                }));
        return cases;
    }
}
