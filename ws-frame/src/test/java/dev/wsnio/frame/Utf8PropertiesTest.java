package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The UTF-8 validator agrees with the JDK's strict decoder on every byte sequence, however it is
 * split, and fails at the first byte after which no continuation could make the input valid.
 */
class Utf8PropertiesTest {

    /** The JDK's verdict: strict UTF-8, reporting malformed input instead of replacing it. */
    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 1000)
    void verdictEqualsTheJdkStrictDecoder(@ForAll("utf8Like") byte[] bytes) {
        assertEquals(jdkAccepts(bytes), Utf8Validator.isValid(ByteBuffer.wrap(bytes)), Hex.of(bytes));
    }

    @Property(tries = 300)
    void verdictEqualsTheJdkForEverySplitIntoTwoFragments(@ForAll("utf8Like") byte[] bytes) {
        boolean expected = jdkAccepts(bytes);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Validator validator = new Utf8Validator();
            boolean valid = validator.feed(ByteBuffer.wrap(bytes, 0, cut))
                    & validator.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut))
                    && validator.isComplete();
            assertEquals(expected, valid, Hex.of(bytes) + " cut at " + cut);
        }
    }

    @Property(tries = 500)
    void verdictEqualsTheJdkForAnySplitIntoManyFragments(
            @ForAll("utf8Like") byte[] bytes,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10_000) Integer> cuts) {
        TreeSet<Integer> points = new TreeSet<>();
        for (int cut : cuts) {
            points.add(cut % (bytes.length + 1));
        }
        points.add(bytes.length);
        Utf8Validator validator = new Utf8Validator();
        boolean valid = true;
        int from = 0;
        for (int to : points) {
            valid &= validator.feed(ByteBuffer.wrap(bytes, from, to - from));
            from = to;
        }
        assertEquals(jdkAccepts(bytes), valid && validator.isComplete(), Hex.of(bytes) + " cut at " + points);
    }

    @Property(tries = 500)
    void failsAtTheFirstByteAfterWhichNoContinuationCanBeValid(@ForAll("utf8Like") byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        int firstRejected = bytes.length;
        for (int i = 0; i < bytes.length; i++) {
            if (!validator.feed(ByteBuffer.wrap(bytes, i, 1))) {
                firstRejected = i;
                break;
            }
        }
        assertTrue(canBeCompleted(bytes, firstRejected),
                "the bytes before " + firstRejected + " can still be valid UTF-8: " + Hex.of(bytes));
        if (firstRejected < bytes.length) {
            assertFalse(canBeCompleted(bytes, firstRejected + 1),
                    "the bytes up to " + firstRejected + " cannot be completed: " + Hex.of(bytes));
        }
    }

    @Property(tries = 300)
    void everyJavaStringEncodesToValidUtf8(@ForAll String text) {
        assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Whether {@code bytes[0..length)} followed by at most three continuation bytes is valid: 80,
     * 90 and A0 between them satisfy every second-byte range of RFC 3629 §4 (80..BF, A0..BF,
     * 80..9F, 90..BF, 80..8F), and 80 every later one.
     */
    private static boolean canBeCompleted(byte[] bytes, int length) {
        int[] choices = {0x80, 0x90, 0xA0};
        for (int extra = 0; extra <= 3; extra++) {
            int combinations = (int) Math.pow(choices.length, extra);
            for (int c = 0; c < combinations; c++) {
                byte[] candidate = new byte[length + extra];
                System.arraycopy(bytes, 0, candidate, 0, length);
                for (int i = 0, rest = c; i < extra; i++, rest /= choices.length) {
                    candidate[length + i] = (byte) choices[rest % choices.length];
                }
                if (jdkAccepts(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Byte sequences that look like UTF-8, so that invalid ones are not all trivially invalid:
     * ASCII runs (long enough for the 8-byte fast path), encodings of valid code points, the
     * same cut short, random high bytes, and the lead bytes that need a restricted second byte
     * (E0, ED, F0, F4) or can never start a sequence (C0, C1, F5..FF), followed by continuation
     * bytes.
     */
    @Provide
    Arbitrary<byte[]> utf8Like() {
        Arbitrary<byte[]> ascii = Arbitraries.bytes().between((byte) 0, (byte) 0x7F).array(byte[].class).ofMinSize(1)
                .ofMaxSize(20);
        Arbitrary<byte[]> codePoint = validCodePoints().map(Utf8PropertiesTest::encode);
        Arbitrary<byte[]> truncated = validCodePoints().filter(cp -> cp >= 0x80).map(Utf8PropertiesTest::encode)
                .flatMap(full -> Arbitraries.integers().between(1, full.length - 1)
                        .map(keep -> Arrays.copyOf(full, keep)));
        Arbitrary<byte[]> highByte = Arbitraries.integers().between(0x80, 0xFF).map(b -> new byte[] {(byte) (int) b});
        Arbitrary<byte[]> trickyLead = Arbitraries.of(0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF8,
                0xFF).flatMap(lead -> Arbitraries.integers().between(0x80, 0xBF).list().ofMaxSize(3).map(rest -> {
                    byte[] sequence = new byte[1 + rest.size()];
                    sequence[0] = (byte) (int) lead;
                    for (int i = 0; i < rest.size(); i++) {
                        sequence[1 + i] = (byte) (int) rest.get(i);
                    }
                    return sequence;
                }));
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(4, ascii),
                Tuple.of(5, codePoint),
                Tuple.of(1, truncated),
                Tuple.of(1, highByte),
                Tuple.of(1, trickyLead));
        return piece.list().ofMaxSize(12).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    private static Arbitrary<Integer> validCodePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                Tuple.of(1, Arbitraries.of(0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF)))
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF);
    }

    private static byte[] encode(int codePoint) {
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    }
}
