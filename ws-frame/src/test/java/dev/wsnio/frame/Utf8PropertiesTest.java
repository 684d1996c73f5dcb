package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

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

    @Test
    void verdictEqualsTheJdkStrictDecoder() {
        Generated.forAll(1000, gen -> {
            byte[] bytes = utf8Like(gen);
            assertEquals(jdkAccepts(bytes), Utf8Validator.isValid(ByteBuffer.wrap(bytes)), Hex.of(bytes));
        });
    }

    @Test
    void verdictEqualsTheJdkForEverySplitIntoTwoFragments() {
        Generated.forAll(300, gen -> checkEverySplitIntoTwo(utf8Like(gen)));
    }

    /** The validator fed {@code bytes} in two fragments, cut at every position in turn, agrees with the JDK. */
    static void checkEverySplitIntoTwo(byte[] bytes) {
        boolean expected = jdkAccepts(bytes);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Validator validator = new Utf8Validator();
            boolean valid = validator.feed(ByteBuffer.wrap(bytes, 0, cut))
                    & validator.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut))
                    && validator.isComplete();
            assertEquals(expected, valid, Hex.of(bytes) + " cut at " + cut);
        }
    }

    @Test
    void verdictEqualsTheJdkForAnySplitIntoManyFragments() {
        Generated.forAll(500, gen -> checkSplitIntoMany(utf8Like(gen), gen.ints(12, 0, 10_000)));
    }

    /** The validator fed {@code bytes} cut at the given points (modulo its length) agrees with the JDK. */
    static void checkSplitIntoMany(byte[] bytes, List<Integer> cuts) {
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

    @Test
    void failsAtTheFirstByteAfterWhichNoContinuationCanBeValid() {
        Generated.forAll(500, gen -> checkFailsFast(utf8Like(gen)));
    }

    /**
     * Fed one byte at a time, the validator rejects {@code bytes} at the first byte after which no
     * continuation could make them valid, and not earlier (fail fast, RFC 6455 §8.1).
     */
    static void checkFailsFast(byte[] bytes) {
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

    @Test
    void everyJavaStringEncodesToValidUtf8() {
        Generated.forAll(300, gen -> {
            String text = gen.anyString(255);
            assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))), text);
        });
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
    static byte[] utf8Like(Gen gen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : gen.list(0, 12, () -> utf8LikePiece(gen))) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    private static byte[] utf8LikePiece(Gen gen) {
        return switch (gen.weighted(4, 5, 1, 1, 1)) {
            case 0 -> gen.bytesBetween(0, 0x7F, 1, 20); // ASCII
            case 1 -> encode(validCodePoint(gen));
            case 2 -> { // a valid multi-byte sequence cut short
                int codePoint;
                do {
                    codePoint = validCodePoint(gen);
                } while (codePoint < 0x80);
                byte[] full = encode(codePoint);
                yield Arrays.copyOf(full, gen.between(1, full.length - 1));
            }
            case 3 -> new byte[] {(byte) gen.between(0x80, 0xFF)}; // a high byte alone
            default -> { // a tricky lead byte and up to three continuation bytes
                byte[] rest = gen.bytesBetween(0x80, 0xBF, 0, 3);
                byte[] sequence = new byte[1 + rest.length];
                sequence[0] = (byte) gen.pickInt(0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF);
                System.arraycopy(rest, 0, sequence, 1, rest.length);
                yield sequence;
            }
        };
    }

    private static int validCodePoint(Gen gen) {
        int codePoint;
        do {
            codePoint = switch (gen.weighted(2, 2, 2, 1)) {
                case 0 -> gen.between(0x80, 0x7FF);
                case 1 -> gen.between(0x800, 0xFFFF);
                case 2 -> gen.between(0x10000, 0x10FFFF);
                default -> gen.pickInt(0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF);
            };
        } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
        return codePoint;
    }

    private static byte[] encode(int codePoint) {
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    }
}
