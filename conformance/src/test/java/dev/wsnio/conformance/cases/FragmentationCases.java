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
 * RFC 6455 §5.4 (Autobahn category 5): fragmented messages in any number of fragments, empty
 * ones included, with control frames between them; and every way to break the rules: a
 * continuation with nothing to continue, a new message inside one, fragmented control frames.
 */
public final class FragmentationCases {

    private FragmentationCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.FRAGMENTATION;
        cases.add(onBoth(g, "text-in-two-fragments", "a text message in two fragments is echoed whole",
                wire -> {
                    wire.send(Frame.text("Hello, ").notFinal(), Frame.continuation("fragments"));
                    wire.expectText("Hello, fragments");
                }));
        cases.add(onBoth(g, "text-in-two-fragments-written-separately",
                "the same, each fragment in its own write",
                wire -> {
                    wire.sendEach(Frame.text("Hello, ").notFinal(), Frame.continuation("fragments"));
                    wire.expectText("Hello, fragments");
                }));
        cases.add(onBoth(g, "binary-in-three-fragments", "a binary message in three fragments is echoed whole",
                wire -> {
                    byte[] data = binary(300);
                    wire.send(Frame.binary(Payloads.slice(data, 0, 100)).notFinal(),
                            Frame.continuation(Payloads.slice(data, 100, 200)).notFinal(),
                            Frame.continuation(Payloads.slice(data, 200, 300)));
                    wire.expectBinary(data);
                }));
        cases.add(onBoth(g, "fragments-one-byte-writes",
                "a message in three fragments written one byte per write is echoed whole",
                wire -> {
                    byte[] bytes = Payloads.concat(wire.encode(Frame.text("one ").notFinal()),
                            wire.encode(Frame.continuation("two ").notFinal()),
                            wire.encode(Frame.continuation("three")));
                    wire.sendInChunks(bytes, 1);
                    wire.expectText("one two three");
                }));
        cases.add(onBoth(g, "empty-first-fragment", "an empty first fragment counts as part of the message",
                wire -> {
                    wire.send(Frame.text(new byte[0]).notFinal(), Frame.continuation("rest"));
                    wire.expectText("rest");
                }));
        cases.add(onBoth(g, "empty-middle-fragment", "an empty middle fragment is allowed",
                wire -> {
                    wire.send(Frame.text("a").notFinal(), Frame.continuation(new byte[0]).notFinal(),
                            Frame.continuation("b"));
                    wire.expectText("ab");
                }));
        cases.add(onBoth(g, "empty-last-fragment", "an empty final fragment ends the message",
                wire -> {
                    wire.send(Frame.text("all of it").notFinal(), Frame.continuation(new byte[0]));
                    wire.expectText("all of it");
                }));
        cases.add(onBoth(g, "all-fragments-empty", "a message of three empty fragments is an empty message",
                wire -> {
                    wire.send(Frame.binary(new byte[0]).notFinal(), Frame.continuation(new byte[0]).notFinal(),
                            Frame.continuation(new byte[0]));
                    wire.expectBinary(new byte[0]);
                }));
        cases.add(onBoth(g, "ping-between-fragments",
                "§5.4: a ping between fragments is answered at once, then the message is echoed",
                wire -> {
                    wire.send(Frame.text("frag").notFinal(), Frame.ping("in between"), Frame.continuation("ment"));
                    wire.expectPong(utf8("in between"));
                    wire.expectText("fragment");
                }));
        cases.add(onBoth(g, "ping-between-fragments-answered-before-the-end",
                "the pong for a ping between fragments comes before the final fragment is sent",
                wire -> {
                    wire.send(Frame.text("frag").notFinal(), Frame.ping("now"));
                    wire.expectPong(utf8("now"));
                    wire.send(Frame.continuation("ment"));
                    wire.expectText("fragment");
                }));
        cases.add(onBoth(g, "ping-between-fragments-one-byte-writes",
                "fragments with a ping between them, written one byte per write",
                wire -> {
                    byte[] bytes = Payloads.concat(wire.encode(Frame.text("frag").notFinal()),
                            wire.encode(Frame.ping("in between")), wire.encode(Frame.continuation("ment")));
                    wire.sendInChunks(bytes, 1);
                    wire.expectPong(utf8("in between"));
                    wire.expectText("fragment");
                }));
        cases.add(onBoth(g, "pong-between-fragments", "an unsolicited pong between fragments is ignored",
                wire -> {
                    wire.send(Frame.text("frag").notFinal(), Frame.pong(utf8("x")), Frame.continuation("ment"));
                    wire.expectText("fragment");
                }));
        cases.add(onBoth(g, "many-control-frames-between-fragments",
                "pings and pongs between every fragment of a five-fragment message",
                wire -> {
                    wire.send(Frame.text("1").notFinal(), Frame.ping("a"), Frame.continuation("2").notFinal(),
                            Frame.pong(new byte[0]), Frame.continuation("3").notFinal(), Frame.ping("b"),
                            Frame.continuation("4").notFinal(), Frame.ping("c"), Frame.continuation("5"));
                    wire.expectPong(utf8("a"));
                    wire.expectPong(utf8("b"));
                    wire.expectPong(utf8("c"));
                    wire.expectText("12345");
                }));
        cases.add(onBoth(g, "close-between-fragments",
                "a close between fragments is answered; the unfinished message is never delivered",
                wire -> {
                    wire.send(Frame.text("never").notFinal(), Frame.close(1000, ""));
                    wire.expectClose(1000);
                    wire.finishClosingHandshake();
                }));
        cases.add(onBoth(g, "continuation-without-start-final-fails-1002",
                "§5.4: a final continuation with no message started fails the connection (1002)",
                wire -> {
                    wire.send(Frame.continuation("orphan"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "continuation-without-start-not-final-fails-1002",
                "a non-final continuation with no message started fails the connection (1002)",
                wire -> {
                    wire.send(Frame.continuation("orphan").notFinal(), Frame.continuation("end"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "continuation-after-complete-message-fails-1002",
                "a continuation after a complete message: echo, then 1002",
                wire -> {
                    wire.send(Frame.text("complete"), Frame.continuation("orphan"));
                    wire.expectText("complete");
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "extra-continuation-after-fragmented-message-fails-1002",
                "a fragmented message is echoed; a continuation after its final fragment fails (1002)",
                wire -> {
                    wire.send(Frame.text("a").notFinal(), Frame.continuation("b"), Frame.continuation("c"));
                    wire.expectText("ab");
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "text-inside-fragmented-message-fails-1002",
                "§5.4: a new text frame inside a fragmented message fails the connection (1002)",
                wire -> {
                    wire.send(Frame.text("start").notFinal(), Frame.text("intruder"), Frame.continuation("end"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "binary-inside-fragmented-text-fails-1002",
                "a binary frame inside a fragmented text message fails the connection (1002)",
                wire -> {
                    wire.send(Frame.text("start").notFinal(), Frame.binary(new byte[] {1}), Frame.continuation("end"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "non-final-text-inside-fragmented-message-fails-1002",
                "a non-final text frame inside a fragmented message fails the connection (1002)",
                wire -> {
                    wire.send(Frame.binary(new byte[] {1}).notFinal(), Frame.text("intruder").notFinal());
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "fragmented-ping-fails-1002",
                "§5.5: control frames must not be fragmented: a ping without FIN fails (1002)",
                wire -> {
                    wire.send(Frame.ping("frag").notFinal(), Frame.continuation("mented"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "fragmented-pong-fails-1002", "a pong without FIN fails the connection (1002)",
                wire -> {
                    wire.send(Frame.pong(utf8("frag")).notFinal(), Frame.continuation("mented"));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "fragmented-close-fails-1002", "a close frame without FIN fails the connection (1002)",
                wire -> {
                    wire.send(Frame.close(1000, "").notFinal(), Frame.continuation(new byte[0]));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "fragmented-ping-inside-fragmented-message-fails-1002",
                "a non-final ping between the fragments of a text message fails (1002)",
                wire -> {
                    wire.send(Frame.text("start").notFinal(), Frame.ping("x").notFinal(), Frame.continuation("end"));
                    wire.expectFailure(1002);
                }));
        for (int count : new int[] {4096, 10_000}) {
            cases.add(onBoth(g, count + "-one-byte-fragments",
                    "a text message of " + count + " one-byte fragments is echoed whole",
                    wire -> {
                        byte[] text = Payloads.ascii(count);
                        wire.sendRaw(fragmented(wire, Frame.TEXT, text, 1));
                        wire.expectText(text);
                    }));
        }
        cases.add(onBoth(g, "1000-empty-fragments-then-data",
                "a binary message of 1,000 empty fragments and one data fragment is echoed whole",
                wire -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    bytes.writeBytes(wire.encode(Frame.binary(new byte[0]).notFinal()));
                    for (int i = 0; i < 999; i++) {
                        bytes.writeBytes(wire.encode(Frame.continuation(new byte[0]).notFinal()));
                    }
                    bytes.writeBytes(wire.encode(Frame.continuation(new byte[] {42})));
                    wire.sendRaw(bytes.toByteArray());
                    wire.expectBinary(new byte[] {42});
                }));
        cases.add(onBoth(g, "testee-sends-fragments-with-ping-between",
                "our endpoint's fragmented send: first fragment, its ping, continuation, then the next"
                        + " message, each frame exact", Behaviour.SEND_ON_OPEN,
                wire -> {
                    wire.expectFrame(Frame.text("Hel").notFinal());
                    wire.expectFrame(Frame.ping("between"));
                    wire.expectFrame(Frame.continuation("lo"));
                    wire.expectFrame(Frame.binary(new byte[] {1, 2, 3}));
                    wire.send(Frame.pong(utf8("between")));
                    wire.closeCleanly(1000, "");
                }));
        return cases;
    }

    /**
     * Encodes a message as fragments of a given size, all in one array.
     *
     * @param wire encodes with its masking
     * @param opcode the message's opcode
     * @param message its payload
     * @param size the fragment size
     * @return the frames' bytes
     */
    static byte[] fragmented(dev.wsnio.testkit.wire.Wire wire, int opcode, byte[] message, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length * 2);
        int count = Math.max(1, (message.length + size - 1) / size);
        for (int i = 0; i < count; i++) {
            byte[] part = Payloads.slice(message, Math.min(i * size, message.length),
                    Math.min((i + 1) * size, message.length));
            boolean last = i == count - 1;
            bytes.writeBytes(wire.encode(new Frame(last, 0, i == 0 ? opcode : Frame.CONTINUATION, part)));
        }
        return bytes.toByteArray();
    }
}
