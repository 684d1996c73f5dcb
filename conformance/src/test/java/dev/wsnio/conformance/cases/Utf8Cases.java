package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.cases.Payloads.concat;
import static dev.wsnio.conformance.cases.Payloads.hex;
import static dev.wsnio.conformance.cases.Payloads.utf8;
import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;
import static dev.wsnio.conformance.suite.ConformanceCase.onBothTestees;

import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 §5.6 and §8.1 (Autobahn category 6): text messages must be valid UTF-8 (RFC 3629);
 * valid text is echoed byte for byte however it is fragmented, invalid text fails the
 * connection with 1007. Strictly: an endpoint must fail as soon as the bytes received can no
 * longer be valid UTF-8, not at the end of the message, so the fail-fast cases send the
 * invalid part and expect the close BEFORE sending the rest.
 */
public final class Utf8Cases {

    /** A named byte sequence. */
    record Sample(String name, byte[] bytes) {
    }

    /** Valid text around every boundary of the encoding. */
    static final List<Sample> VALID = List.of(
            new Sample("ascii", utf8("Hello, wsnio!")),
            new Sample("autobahn-hello", utf8("Hello-µ@ßöäüàá-UTF-8!!")),
            new Sample("greek-kosme", utf8("κόσμε")),
            new Sample("U+0000", hex("00")),
            new Sample("U+007F", hex("7f")),
            new Sample("U+0080", hex("c2 80")),
            new Sample("U+07FF", hex("df bf")),
            new Sample("U+0800", hex("e0 a0 80")),
            new Sample("U+D7FF", hex("ed 9f bf")),
            new Sample("U+E000", hex("ee 80 80")),
            new Sample("U+FFFD", hex("ef bf bd")),
            new Sample("U+FFFE", hex("ef bf be")),
            new Sample("U+FFFF", hex("ef bf bf")),
            new Sample("U+10000", hex("f0 90 80 80")),
            new Sample("U+10FFFF", hex("f4 8f bf bf")),
            new Sample("every-length-mixed", utf8("aé€😀zß中𝄞")));

    /** Byte sequences that are never valid UTF-8, each named after what is wrong. */
    static final List<Sample> INVALID = List.of(
            new Sample("lone-continuation-80", hex("80")),
            new Sample("lone-continuation-bf", hex("bf")),
            new Sample("two-continuations", hex("80 bf")),
            new Sample("overlong-2-byte-nul-c0-80", hex("c0 80")),
            new Sample("overlong-2-byte-c1-bf", hex("c1 bf")),
            new Sample("overlong-3-byte-e0-80-80", hex("e0 80 80")),
            new Sample("overlong-3-byte-e0-9f-bf", hex("e0 9f bf")),
            new Sample("overlong-4-byte-f0-80-80-80", hex("f0 80 80 80")),
            new Sample("overlong-4-byte-f0-8f-bf-bf", hex("f0 8f bf bf")),
            new Sample("overlong-slash-c0-af", hex("c0 af")),
            new Sample("surrogate-high-first-ed-a0-80", hex("ed a0 80")),
            new Sample("surrogate-high-last-ed-af-bf", hex("ed af bf")),
            new Sample("surrogate-low-first-ed-b0-80", hex("ed b0 80")),
            new Sample("surrogate-low-last-ed-bf-bf", hex("ed bf bf")),
            new Sample("surrogate-pair-encoded-separately", hex("ed a0 80 ed b0 80")),
            new Sample("above-U+10FFFF-f4-90-80-80", hex("f4 90 80 80")),
            new Sample("above-U+10FFFF-f5-80-80-80", hex("f5 80 80 80")),
            new Sample("above-U+10FFFF-f7-bf-bf-bf", hex("f7 bf bf bf")),
            new Sample("five-byte-form-f8", hex("f8 88 80 80 80")),
            new Sample("six-byte-form-fc", hex("fc 84 80 80 80 80")),
            new Sample("byte-fe", hex("fe")),
            new Sample("byte-ff", hex("ff")),
            new Sample("bom-as-fe-ff", hex("fe ff")),
            new Sample("two-byte-lead-then-ascii", hex("c2 41")),
            new Sample("three-byte-lead-then-ascii", hex("e2 82 41")),
            new Sample("four-byte-lead-then-ascii", hex("f0 9f 98 41")),
            new Sample("truncated-2-byte-at-end", hex("c2")),
            new Sample("truncated-3-byte-at-end", hex("e2 82")),
            new Sample("truncated-4-byte-at-end", hex("f0 9f 98")));

    private Utf8Cases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        Group g = Group.UTF8;
        for (Sample valid : VALID) {
            byte[] text = concat(utf8("<"), valid.bytes(), utf8(">"));
            cases.add(onBoth(g, "valid-" + valid.name(), "valid text " + valid.name() + " is echoed byte for byte",
                    wire -> {
                        wire.send(Frame.text(text));
                        wire.expectText(text);
                    }));
            cases.add(onBoth(g, "valid-" + valid.name() + "-one-byte-fragments",
                    "valid text " + valid.name() + " in one-byte fragments (characters split across"
                            + " fragments) is echoed whole",
                    wire -> {
                        wire.sendRaw(FragmentationCases.fragmented(wire, Frame.TEXT, text, 1));
                        wire.expectText(text);
                    }));
        }
        cases.add(onBoth(g, "valid-long-mixed-text-in-7-byte-fragments",
                "64 KiB of 1- to 4-byte characters in 7-byte fragments is echoed whole",
                wire -> {
                    byte[] text = Payloads.mixedUtf8(65536);
                    wire.sendRaw(FragmentationCases.fragmented(wire, Frame.TEXT, text, 7));
                    wire.expectText(text);
                }));
        cases.add(onBoth(g, "valid-prefix-not-failed-early",
                "a fragment ending inside a character (e2 82) is not failed: the next fragment completes it",
                wire -> {
                    wire.send(Frame.text(concat(utf8("price: "), hex("e2 82"))).notFinal());
                    wire.send(Frame.continuation(hex("ac")));
                    wire.expectText(utf8("price: €"));
                }));
        for (Sample invalid : INVALID) {
            byte[] text = concat(utf8("κόσμε"), invalid.bytes(), utf8("edited"));
            boolean truncated = invalid.name().startsWith("truncated");
            byte[] payload = truncated ? concat(utf8("κόσμε"), invalid.bytes()) : text;
            cases.add(onBoth(g, "invalid-" + invalid.name(),
                    "text containing " + invalid.name() + " fails the connection (1007)",
                    wire -> {
                        wire.send(Frame.text(payload));
                        wire.expectFailure(1007);
                    }));
            if (!truncated) {
                cases.add(onBoth(g, "fail-fast-" + invalid.name(),
                        "fail fast: " + invalid.name() + " in a non-final fragment is failed (1007)"
                                + " before the final fragment is sent",
                        wire -> {
                            wire.send(Frame.text(text).notFinal());
                            wire.expectFailure(1007);
                        }));
            }
        }
        cases.add(onBoth(g, "fail-fast-sequence-split-across-fragments",
                "fail fast: f4 | 90 80 (above U+10FFFF) split across fragments is failed at the 90,"
                        + " before the final fragment",
                wire -> {
                    wire.send(Frame.text(concat(utf8("κόσμε"), hex("f4"))).notFinal());
                    wire.send(Frame.continuation(hex("90 80")).notFinal());
                    wire.expectFailure(1007);
                }));
        cases.add(onBoth(g, "fail-fast-surrogate-in-one-byte-fragments",
                "fail fast: a surrogate (ed a0 80) sent in one-byte fragments is failed at the a0",
                wire -> {
                    wire.send(Frame.text(utf8("ok")).notFinal(), Frame.continuation(hex("ed")).notFinal(),
                            Frame.continuation(hex("a0")).notFinal());
                    wire.expectFailure(1007);
                }));
        cases.add(onBoth(g, "fail-fast-inside-a-frame",
                "fail fast: invalid bytes early in a 1,000-byte frame are failed before the rest of"
                        + " the frame is sent",
                wire -> {
                    byte[] payload = concat(utf8("κόσμε"), hex("c0 80"), Payloads.ascii(1000 - 12));
                    byte[] frame = wire.encode(Frame.text(payload));
                    int header = frame.length - payload.length;
                    wire.sendRaw(Payloads.slice(frame, 0, header + 20));
                    wire.expectFailure(1007);
                }));
        cases.add(onBoth(g, "invalid-after-valid-message",
                "a valid message is echoed; an invalid one after it fails (1007)",
                wire -> {
                    wire.send(Frame.text("fine"), Frame.text(hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80")));
                    wire.expectText("fine");
                    wire.expectFailure(1007);
                }));
        cases.add(onBothTestees(g, "every-lone-byte-80-to-ff",
                "each byte 80–bf (continuation), c0, c1 and f5–ff alone in a message fails (1007),"
                        + " and c2–f4 alone fails as truncated",
                testee -> {
                    for (int b = 0x80; b <= 0xFF; b++) {
                        try (Wire wire = testee.open()) {
                            wire.send(Frame.text(new byte[] {'a', (byte) b}));
                            wire.expectFailure(1007);
                        } catch (AssertionError e) {
                            throw new AssertionError(String.format("byte %02x: %s", b, e.getMessage()), e);
                        }
                        testee.awaitAllReleased();
                    }
                }));
        return cases;
    }
}
