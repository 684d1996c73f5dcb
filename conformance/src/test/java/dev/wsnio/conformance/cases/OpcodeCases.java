package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.testkit.wire.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §5.2 (Autobahn category 4): opcodes 0x3–0x7 (reserved non-control) and 0xB–0xF
 * (reserved control) fail the connection with 1002, with or without payload, after a valid
 * message is echoed and before a following ping is answered.
 */
public final class OpcodeCases {

    private OpcodeCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.OPCODES;
        int[] reserved = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF};
        for (int opcode : reserved) {
            String name = "opcode-0x" + Integer.toHexString(opcode).toUpperCase();
            Frame empty = new Frame(true, 0, opcode, new byte[0]);
            cases.add(onBoth(g, name, "reserved opcode 0x" + Integer.toHexString(opcode)
                            + " with no payload fails the connection (1002)",
                    wire -> {
                        wire.send(Frame.text("before"), empty, Frame.ping("after"));
                        wire.expectText("before");
                        wire.expectFailure(1002);
                    }));
            Frame withPayload = new Frame(true, 0, opcode, Payloads.utf8("reserved payload"));
            cases.add(onBoth(g, name + "-with-payload", "reserved opcode 0x" + Integer.toHexString(opcode)
                            + " with a payload fails the connection (1002)",
                    wire -> {
                        wire.send(Frame.text("before"), withPayload, Frame.ping("after"));
                        wire.expectText("before");
                        wire.expectFailure(1002);
                    }));
        }
        cases.add(onBoth(g, "opcode-0x3-not-final",
                "reserved opcode 0x3 starting a would-be fragmented message fails the connection (1002)",
                wire -> {
                    wire.send(new Frame(false, 0, 0x3, Payloads.utf8("x")));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "opcode-0xB-inside-fragmented-message",
                "reserved opcode 0xB between two fragments fails the connection (1002)",
                wire -> {
                    wire.send(Frame.text("start").notFinal(), new Frame(true, 0, 0xB, new byte[0]),
                            Frame.continuation("end"));
                    wire.expectFailure(1002);
                }));
        return cases;
    }
}
