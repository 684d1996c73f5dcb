package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3629 §4 as RFC 6455 §8.1 requires it: incremental, fail-fast UTF-8 validation. */
class Utf8ValidatorTest {

    // ---------------------------------------------------------------- single sequences

    @ParameterizedTest
    @ValueSource(strings = {
        "00", "41", "7F",                                  // 1 byte
        "C2 80", "C3 A9", "DF BF",                         // 2 bytes
        "E0 A0 80", "E2 82 AC", "EC BF BF", "ED 80 80", "ED 9F BF", "EE 80 80", "EF BF BD",
        "EF BF BE", "EF BF BF",                            // 3 bytes, noncharacters included
        "F0 90 80 80", "F0 9F 98 80", "F1 80 80 80", "F3 BF BF BF", "F4 80 80 80", "F4 8F BF BF"})
    void acceptsValidSequencesOfOneToFourBytes(String hex) {
        assertValid(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "BF", "41 80", "C3 A9 A9"})
    void rejectsContinuationBytesWithoutALead(String hex) {
        assertInvalid(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 80", "C1 BF", "E0 80 80", "E0 9F BF", "F0 80 80 80", "F0 8F BF BF"})
    void rejectsOverlongForms(String hex) {
        assertInvalid(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED A0 80", "ED AD BF", "ED B0 80", "ED BF BF", "ED A0 BD ED B2 A9"})
    void rejectsUtf16Surrogates(String hex) {
        assertInvalid(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F4 90 80 80", "F4 BF BF BF", "F5 80 80 80", "F7 BF BF BF", "F8 88 80 80 80",
        "FC 84 80 80 80 80", "FE", "FF"})
    void rejectsCodePointsAboveU10FFFF(String hex) {
        assertInvalid(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C3", "E2", "E2 82", "F0", "F0 9F", "F0 9F 98", "41 42 F4 8F BF"})
    void truncatedSequenceIsIncompleteButNotYetInvalid(String hex) {
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(Hex.buffer(hex)), "a valid prefix");
        assertFalse(validator.isComplete());
        assertFalse(validator.isInvalid());
        assertFalse(Utf8Validator.isValid(Hex.buffer(hex)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C3 41", "E2 82 41", "F0 9F 98 41", "E2 C3 A9", "C3 C3"})
    void truncatedSequenceFollowedByANewCharacterIsInvalid(String hex) {
        assertInvalid(hex);
    }

    // ---------------------------------------------------------------- fail fast

    @Test
    void failsAtTheFirstByteThatCannotBeValidWithoutWaitingForTheEnd() {
        // "κόσμε" then the start of a surrogate: the error is detectable at A0
        byte[] bytes = Hex.bytes("CE BA E1 BD B9 CF 83 CE BC CE B5 ED A0 80");
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            boolean stillValid = validator.feed(ByteBuffer.wrap(bytes, i, 1));
            assertEquals(i < 12, stillValid, "after byte " + i);
        }
    }

    @Test
    void failsFastWhenTheBadSequenceIsSplitAcrossFeeds() {
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(Hex.buffer("CE BA E1 BD B9 CF 83 CE BC CE B5 ED")));
        assertFalse(validator.feed(Hex.buffer("A0")));
        assertTrue(validator.isInvalid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"E0 9F", "F0 8F", "F4 90", "ED A0", "C0", "F5"})
    void failsAtTheSecondByteOfAnImpossibleSequence(String hex) {
        byte[] bytes = Hex.bytes(hex);
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length - 1; i++) {
            assertTrue(validator.feed(ByteBuffer.wrap(bytes, i, 1)));
        }
        assertFalse(validator.feed(ByteBuffer.wrap(bytes, bytes.length - 1, 1)));
    }

    @Test
    void staysInvalidOnceInvalid() {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.feed(Hex.buffer("FF")));
        assertFalse(validator.feed(Hex.buffer("41 42 43")));
        assertFalse(validator.isComplete());
        assertTrue(validator.isInvalid());
    }

    @Test
    void resetStartsANewMessage() {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.feed(Hex.buffer("FF")));
        validator.reset();
        assertTrue(validator.feed(Hex.buffer("C3")));
        validator.reset();
        assertTrue(validator.isComplete());
        assertTrue(validator.feed(Hex.buffer("41")));
        assertTrue(validator.isComplete());
    }

    // ---------------------------------------------------------------- across feeds

    @Test
    void validTextSplitAtEveryPointIsValid() {
        byte[] bytes = "aé€😀 κόσμε 日本語 \u007f\u0080".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Validator validator = new Utf8Validator();
            assertTrue(validator.feed(ByteBuffer.wrap(bytes, 0, cut)), "cut " + cut);
            assertTrue(validator.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut)), "cut " + cut);
            assertTrue(validator.isComplete(), "cut " + cut);
        }
    }

    @Test
    void validTextFedOneByteAtATimeIsValid() {
        byte[] bytes = "😀€é".getBytes(StandardCharsets.UTF_8);
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            assertTrue(validator.feed(ByteBuffer.wrap(bytes, i, 1)));
            assertEquals(i == 3 || i == 6 || i == 8, validator.isComplete(), "after byte " + i);
        }
    }

    @Test
    void feedReadsOnlyTheGivenRangeAndMovesNothing() {
        ByteBuffer buffer = Hex.buffer("FF 41 C3 A9 42 FF");
        buffer.position(1).limit(5);
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(buffer));
        assertTrue(validator.isComplete());
        assertEquals(1, buffer.position());
        assertEquals(5, buffer.limit());
        assertTrue(new Utf8Validator().feed(buffer.clear(), 1, 5));
    }

    @Test
    void emptyInputIsValid() {
        assertTrue(Utf8Validator.isValid(ByteBuffer.allocate(0)));
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(ByteBuffer.allocate(0)));
        assertTrue(validator.isComplete());
    }

    // ---------------------------------------------------------------- ASCII fast path

    @Test
    void asciiFastPathFindsABadByteAtEveryPositionAndAlignment() {
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int start = 0; start < 8; start++) {
                    for (int length = 1; length <= 140; length++) { // past two 64-byte steps
                        for (int bad = 0; bad < length; bad++) {
                            ByteBuffer buffer = asciiBuffer(start + length + 8, direct, order);
                            buffer.put(start + bad, (byte) 0x80);
                            assertFalse(new Utf8Validator().feed(buffer, start, start + length),
                                    "start " + start + " length " + length + " bad at " + bad);
                        }
                    }
                }
            }
        }
    }

    @Test
    void asciiFastPathAcceptsAsciiAndMultiByteCharactersAtEveryAlignment() {
        byte[] euro = Hex.bytes("E2 82 AC");
        for (boolean direct : new boolean[] {false, true}) {
            for (int start = 0; start < 8; start++) {
                for (int length = 0; length <= 33; length++) {
                    ByteBuffer ascii = asciiBuffer(start + length + 8, direct, ByteOrder.LITTLE_ENDIAN);
                    assertTrue(Utf8Validator.isValid(ascii.position(start).limit(start + length)));
                    for (int at = 0; at + 3 <= length; at++) {
                        ByteBuffer buffer = asciiBuffer(start + length + 8, direct, ByteOrder.BIG_ENDIAN);
                        buffer.put(start + at, euro);
                        assertTrue(Utf8Validator.isValid(buffer.position(start).limit(start + length)),
                                "start " + start + " length " + length + " euro at " + at);
                    }
                }
            }
        }
    }

    @Test
    void asciiFastPathFindsABadByteAnywhereInLongRuns() {
        // past the 256-byte blocks of the direct path and the 64-byte steps of the heap path
        for (boolean direct : new boolean[] {false, true}) {
            for (int length : new int[] {255, 256, 257, 300, 511, 512, 513, 600}) {
                for (int bad = 0; bad < length; bad++) {
                    ByteBuffer buffer = asciiBuffer(length + 3 + 8, direct, ByteOrder.BIG_ENDIAN);
                    buffer.put(3 + bad, (byte) 0xC0);
                    assertFalse(new Utf8Validator().feed(buffer, 3, 3 + length),
                            (direct ? "direct" : "heap") + " length " + length + " bad at " + bad);
                }
                ByteBuffer clean = asciiBuffer(length + 3 + 8, direct, ByteOrder.BIG_ENDIAN);
                clean.put(3 + length, (byte) 0xC0); // just past the range
                assertTrue(Utf8Validator.isValid(clean.position(3).limit(3 + length)), "length " + length);
            }
        }
    }

    @Test
    void asciiFastPathOfAHeapSliceReadsItsOwnBytes() {
        // a slice's array offset: the scan must read the slice's bytes, not the array's first ones
        byte[] array = asciiBuffer(300, false, ByteOrder.BIG_ENDIAN).array();
        for (int offset = 0; offset < 80; offset++) {
            for (int bad = 0; bad < 150; bad++) {
                byte[] copy = array.clone();
                copy[offset + bad] = (byte) 0xFF;
                ByteBuffer slice = ByteBuffer.wrap(copy, offset, 150).slice();
                assertFalse(new Utf8Validator().feed(slice, 0, 150), "offset " + offset + " bad at " + bad);
            }
            byte[] copy = array.clone();
            if (offset > 0) {
                copy[offset - 1] = (byte) 0xFF; // just before the slice: not its business
            }
            copy[offset + 150] = (byte) 0xFF; // just after it
            assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(copy, offset, 150).slice()), "offset " + offset);
        }
    }

    @Test
    void asciiFastPathDoesNotLookPastTheEndOfTheRange() {
        for (int length = 0; length <= 140; length++) {
            ByteBuffer buffer = asciiBuffer(length + 8, false, ByteOrder.BIG_ENDIAN);
            for (int i = length; i < length + 8; i++) {
                buffer.put(i, (byte) 0xFF);
            }
            Utf8Validator validator = new Utf8Validator();
            assertTrue(validator.feed(buffer, 0, length), "length " + length);
            assertTrue(validator.isComplete());
        }
    }

    @Test
    void asciiFastPathNeverSkipsPastTheEndOfTheRange() {
        // ASCII after the range, then an invalid byte wherever an 8-byte step could land
        for (int length = 0; length <= 140; length++) {
            for (int asciiAfter = 0; asciiAfter <= 64; asciiAfter++) {
                ByteBuffer buffer = asciiBuffer(length + asciiAfter + 9, false, ByteOrder.BIG_ENDIAN);
                buffer.put(length + asciiAfter, (byte) 0x80);
                Utf8Validator validator = new Utf8Validator();
                assertTrue(validator.feed(buffer, 0, length), "length " + length + ", then " + asciiAfter);
                assertTrue(validator.isComplete(), "length " + length + ", then " + asciiAfter);
            }
        }
    }

    @Test
    void asciiFastPathResumesAfterAMultiByteCharacter() {
        byte[] text = ("abcdefghé" + "ijklmnopqrstuvwx" + "\u00ff" + "y").getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(text)));
        text[text.length - 2] = (byte) 0x41; // breaks the ÿ sequence: C3 41
        assertFalse(Utf8Validator.isValid(ByteBuffer.wrap(text)));
    }

    private static ByteBuffer asciiBuffer(int size, boolean direct, ByteOrder order) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            buffer.put(i, (byte) ('a' + i % 26));
        }
        return buffer.order(order);
    }

    private static void assertValid(String hex) {
        assertTrue(Utf8Validator.isValid(Hex.buffer(hex)), hex);
        assertTrue(Utf8Validator.isValid(Hex.buffer("61 62 " + hex + " 63")), "inside text: " + hex);
    }

    private static void assertInvalid(String hex) {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.feed(Hex.buffer(hex)), hex);
        assertTrue(validator.isInvalid(), hex);
        assertFalse(Utf8Validator.isValid(Hex.buffer("61 62 63 64 65 66 67 68 " + hex)), "after ASCII: " + hex);
    }
}
