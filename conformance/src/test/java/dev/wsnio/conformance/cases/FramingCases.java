package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.cases.Payloads.ascii;
import static dev.wsnio.conformance.cases.Payloads.binary;
import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §5.2 and §5.3 (Autobahn category 1): every payload length form in both directions,
 * frames split at every byte, several frames in one write, masking in the wrong direction and
 * a 64-bit length with its top bit set.
 */
public final class FramingCases {

    /** Lengths around each boundary of the three length forms (7-bit, 16-bit, 64-bit). */
    private static final List<Integer> LENGTHS = List.of(0, 1, 125, 126, 127, 128, 65535, 65536, 65537);

    private FramingCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.FRAMING;
        for (int length : LENGTHS) {
            cases.add(onBoth(g, "text-length-" + length,
                    "a text frame of " + length + " bytes is echoed with the minimal length form",
                    wire -> echo(wire, Frame.text(ascii(length)))));
        }
        for (int length : LENGTHS) {
            cases.add(onBoth(g, "binary-length-" + length,
                    "a binary frame of " + length + " bytes is echoed with the minimal length form",
                    wire -> echo(wire, Frame.binary(binary(length)))));
        }
        cases.add(onBoth(g, "text-length-65536-in-997-byte-writes",
                "a 64 KiB text frame written in 997-byte pieces is echoed",
                wire -> {
                    Frame frame = Frame.text(ascii(65536));
                    wire.sendInChunks(wire.encode(frame), 997);
                    wire.expectFrame(frame);
                }));
        cases.add(onBoth(g, "binary-length-65536-in-997-byte-writes",
                "a 64 KiB binary frame written in 997-byte pieces is echoed",
                wire -> {
                    Frame frame = Frame.binary(binary(65536));
                    wire.sendInChunks(wire.encode(frame), 997);
                    wire.expectFrame(frame);
                }));
        for (int length : new int[] {13, 126, 65536}) {
            cases.add(onBoth(g, "split-at-every-header-byte-" + length,
                    "a " + length + "-byte text frame written in two pieces, split at every position"
                            + " of its header and the first payload bytes, is echoed each time",
                    wire -> splitEverywhere(wire, Frame.text(ascii(length)), 20)));
        }
        cases.add(onBoth(g, "one-byte-writes-binary-126",
                "a 126-byte binary frame written one byte per write is echoed",
                wire -> {
                    Frame frame = Frame.binary(binary(126));
                    wire.sendInChunks(wire.encode(frame), 1);
                    wire.expectFrame(frame);
                }));
        cases.add(onBoth(g, "ten-frames-in-one-write",
                "ten messages written in one write are echoed in order",
                wire -> {
                    Frame[] frames = new Frame[10];
                    for (int i = 0; i < frames.length; i++) {
                        frames[i] = i % 2 == 0 ? Frame.text("message " + i) : Frame.binary(binary(i * 50));
                    }
                    wire.send(frames);
                    for (Frame frame : frames) {
                        wire.expectFrame(frame);
                    }
                }));
        cases.add(onBoth(g, "wrong-masking-fails-1002",
                "§5.1: a server must fail an unmasked client frame, a client a masked server frame (1002)",
                wire -> {
                    wire.sendRaw(wire.encodeWronglyMasked(Frame.text("wrongly masked")));
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "wrong-masking-after-valid-frame-fails-1002",
                "a valid frame is echoed, the wrongly masked one after it fails the connection (1002)",
                wire -> {
                    byte[] good = wire.encode(Frame.text("good"));
                    byte[] bad = wire.encodeWronglyMasked(Frame.text("bad"));
                    wire.sendRaw(Payloads.concat(good, bad));
                    wire.expectText("good");
                    wire.expectFailure(1002);
                }));
        cases.add(onBoth(g, "length-top-bit-set-fails-1002",
                "§5.2: the most significant bit of a 64-bit length must be 0 (1002, before any payload)",
                wire -> {
                    ByteArrayOutputStream header = new ByteArrayOutputStream();
                    header.write(0x82);
                    header.write((wire.testee().peerMasks() ? 0x80 : 0) | 127);
                    header.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
                    if (wire.testee().peerMasks()) {
                        header.writeBytes(new byte[] {1, 2, 3, 4});
                    }
                    wire.sendRaw(header.toByteArray());
                    wire.expectFailure(1002);
                }));
        return cases;
    }

    static void echo(Wire wire, Frame frame) throws IOException {
        wire.send(frame);
        wire.expectFrame(frame);
    }

    /** Writes a frame in two pieces at each split position in its first bytes. */
    private static void splitEverywhere(Wire wire, Frame frame, int payloadPositions) throws IOException {
        int headerLength = wire.encode(frame).length - frame.payload().length;
        int last = Math.min(headerLength + payloadPositions, headerLength + frame.payload().length - 1);
        for (int split = 1; split <= last; split++) {
            byte[] bytes = wire.encode(frame);
            wire.sendRaw(Payloads.slice(bytes, 0, split));
            wire.sendRaw(Payloads.slice(bytes, split, bytes.length));
            try {
                wire.expectFrame(frame);
            } catch (AssertionError e) {
                throw new AssertionError("split at byte " + split + ": " + e.getMessage(), e);
            }
        }
    }
}
