package dev.wsnio.conformance.cases;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Deterministic payloads for the cases: the same bytes on every run. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * Pseudo-random bytes, every value possible.
     *
     * @param length how many
     * @return the bytes
     */
    public static byte[] binary(int length) {
        byte[] bytes = new byte[length];
        new Random(length * 31L + 7).nextBytes(bytes);
        return bytes;
    }

    /**
     * ASCII text of exactly {@code length} bytes.
     *
     * @param length how many bytes
     * @return the text's UTF-8 bytes
     */
    public static byte[] ascii(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('!' + i % 94);
        }
        return bytes;
    }

    /**
     * Valid UTF-8 of exactly {@code length} bytes mixing 1-, 2-, 3- and 4-byte characters
     * (padded with ASCII at the end), so that long text messages cross every boundary.
     *
     * @param length how many bytes
     * @return the text's UTF-8 bytes
     */
    public static byte[] mixedUtf8(int length) {
        byte[] unit = "aé€😀".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
        while (bytes.size() + unit.length <= length) {
            bytes.writeBytes(unit);
        }
        while (bytes.size() < length) {
            bytes.write('z');
        }
        return bytes.toByteArray();
    }

    /**
     * Bytes from hex digits, spaces allowed: {@code "ed a0 80"}.
     *
     * @param hex the digits
     * @return the bytes
     */
    public static byte[] hex(String hex) {
        String digits = hex.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * The bytes of arrays one after the other.
     *
     * @param parts the arrays
     * @return their concatenation
     */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    /**
     * UTF-8 bytes of a string.
     *
     * @param text the string
     * @return its bytes
     */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A slice of an array.
     *
     * @param bytes the array
     * @param from first index
     * @param to index after the last
     * @return the slice
     */
    public static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
