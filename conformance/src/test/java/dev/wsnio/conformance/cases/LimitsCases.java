package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.testee.ServerTestee;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Large messages and many frames (Autobahn category 9), echoed intact, and the limits of a
 * testee (64 MiB messages, 2^20 fragments) enforced from frame headers, before the payload.
 *
 * <p>The Autobahn grid is every message size from 64 KiB to 16 MiB times every frame size from
 * 64 bytes to 4 MiB; to keep the run short this takes a representative subset: every message
 * size in one frame (text and binary), a 4 MiB message in frames of 64 B, 1 KiB, 64 KiB, 1 MiB
 * and 4 MiB, a 16 MiB message in 4 MiB frames, and many small messages in a row.
 */
public final class LimitsCases {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private LimitsCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.LIMITS;
        for (int size : new int[] {64 * KIB, 256 * KIB, MIB, 4 * MIB, 16 * MIB}) {
            cases.add(onBoth(g, "text-" + label(size) + "-one-frame",
                    "a " + label(size) + " text message (1- to 4-byte characters) in one frame is echoed intact",
                    wire -> echoFragmented(wire, Frame.TEXT, Payloads.mixedUtf8(size), size)));
            cases.add(onBoth(g, "binary-" + label(size) + "-one-frame",
                    "a " + label(size) + " binary message in one frame is echoed intact",
                    wire -> echoFragmented(wire, Frame.BINARY, Payloads.binary(size), size)));
        }
        for (int frame : new int[] {64, KIB, 64 * KIB, MIB, 4 * MIB}) {
            cases.add(onBoth(g, "binary-4MiB-in-" + label(frame) + "-frames",
                    "a 4 MiB binary message in " + label(frame) + " frames is echoed intact",
                    wire -> echoFragmented(wire, Frame.BINARY, Payloads.binary(4 * MIB), frame)));
        }
        for (int frame : new int[] {64, 64 * KIB}) {
            cases.add(onBoth(g, "text-4MiB-in-" + label(frame) + "-frames",
                    "a 4 MiB text message in " + label(frame) + " frames (characters split across frames)"
                            + " is echoed intact",
                    wire -> echoFragmented(wire, Frame.TEXT, Payloads.mixedUtf8(4 * MIB), frame)));
        }
        cases.add(onBoth(g, "binary-16MiB-in-4MiB-frames", "a 16 MiB binary message in 4 MiB frames is echoed intact",
                wire -> echoFragmented(wire, Frame.BINARY, Payloads.binary(16 * MIB), 4 * MIB)));
        cases.add(onBoth(g, "1000-messages-of-1KiB", "1,000 binary messages of 1 KiB written at once come back"
                        + " in order",
                wire -> manyMessages(wire, 1000, KIB)));
        cases.add(onBoth(g, "100-messages-of-64KiB", "100 text messages of 64 KiB written at once come back"
                        + " in order",
                wire -> manyMessages(wire, 100, 64 * KIB)));
        cases.add(onBoth(g, "frame-over-limit-fails-1009-from-header",
                "a frame announcing more than the 64 MiB limit fails (1009) before its payload is sent",
                wire -> {
                    byte[] header = header(wire, 0x82, ServerTestee.MAX_MESSAGE_SIZE + 1);
                    wire.sendRaw(header);
                    wire.expectFailure(1009);
                }));
        cases.add(onBoth(g, "message-over-limit-fails-1009-from-header",
                "a fragment whose header takes the message past the 64 MiB limit fails (1009) before"
                        + " its payload is sent",
                wire -> {
                    wire.send(Frame.binary(Payloads.binary(MIB)).notFinal());
                    wire.sendRaw(header(wire, 0x00, ServerTestee.MAX_MESSAGE_SIZE - MIB + 1));
                    wire.expectFailure(1009);
                }));
        cases.add(onBoth(g, "too-many-fragments-fails-1008",
                "a message in more than the testee's 2^20 fragments is failed (1008, policy)",
                wire -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * MIB);
                    bytes.writeBytes(wire.encode(Frame.binary(new byte[0]).notFinal()));
                    byte[] empty = wire.encode(Frame.continuation(new byte[0]).notFinal());
                    for (int i = 1; i <= ServerTestee.MAX_FRAGMENTS; i++) {
                        bytes.writeBytes(empty);
                    }
                    try {
                        wire.sendRaw(bytes.toByteArray());
                    } catch (IOException e) {
                        // it may fail us (and stop reading) before everything was written
                    }
                    wire.expectFailure(1008);
                }));
        return cases;
    }

    private static String label(int bytes) {
        if (bytes >= MIB) {
            return bytes / MIB + "MiB";
        }
        return bytes >= KIB ? bytes / KIB + "KiB" : bytes + "B";
    }

    private static void echoFragmented(Wire wire, int opcode, byte[] message, int frameSize) throws IOException {
        wire.sendRaw(FragmentationCases.fragmented(wire, opcode, message, frameSize));
        wire.expectFrame(new Frame(true, 0, opcode, message));
    }

    private static void manyMessages(Wire wire, int count, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * (size + 14));
        Frame[] frames = new Frame[count];
        for (int i = 0; i < count; i++) {
            byte[] payload = size >= 64 * KIB ? Payloads.mixedUtf8(size) : Payloads.binary(size);
            payload[0] = (byte) ('0' + i % 10);
            frames[i] = size >= 64 * KIB ? Frame.text(payload) : Frame.binary(payload);
            bytes.writeBytes(wire.encode(frames[i]));
        }
        wire.sendRaw(bytes.toByteArray());
        for (Frame frame : frames) {
            wire.expectFrame(frame);
        }
    }

    /** A frame header announcing a length, masked when we play the client, with no payload. */
    private static byte[] header(Wire wire, int first, long length) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(first);
        header.write((wire.testee().peerMasks() ? 0x80 : 0) | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            header.write((int) (length >>> shift));
        }
        if (wire.testee().peerMasks()) {
            header.writeBytes(new byte[] {9, 8, 7, 6});
        }
        return header.toByteArray();
    }
}
