package dev.wsnio.benchmarks.codec;

import java.nio.charset.StandardCharsets;

/**
 * Kinds of text used as message payloads, each a pattern repeated to the wanted size. They
 * differ in how the UTF-8 validator meets them: 1-byte ASCII, 3-byte CJK sequences, 4-byte
 * emoji, and a JSON-like mix of ASCII and CJK, the typical chat message.
 */
public enum TextSample {

    /** ASCII only: the validator's 8-bytes-at-a-time fast path. */
    ASCII("{\"id\":12345,\"user\":\"alice\",\"text\":\"hello server, how are you today?\"} "),
    /** Chinese: 3-byte sequences, no ASCII at all. */
    CHINESE("你好服务器"),
    /** Emoji between ASCII words: 4-byte sequences interrupting the fast path. */
    EMOJI("ok 😀 go 🚀 yes 🎉 "),
    /** A JSON-like chat message whose text is Chinese: ASCII and 3-byte sequences mixed. */
    MIXED("{\"id\":12345,\"user\":\"alice\",\"text\":\"你好服务器, hello server!\"} ");

    private final String pattern;

    TextSample(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The pattern repeated to exactly {@code size} bytes of valid UTF-8: where the next code
     * point would not fit whole, the rest is filled with spaces.
     *
     * @param size the length in bytes
     * @return well-formed UTF-8 of that length
     */
    public byte[] utf8(int size) {
        byte[] result = new byte[size];
        int filled = 0;
        outer:
        while (true) {
            for (int i = 0; i < pattern.length(); ) {
                int codePoint = pattern.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint))
                        .getBytes(StandardCharsets.UTF_8);
                if (filled + encoded.length > size) {
                    break outer;
                }
                System.arraycopy(encoded, 0, result, filled, encoded.length);
                filled += encoded.length;
                i += Character.charCount(codePoint);
            }
        }
        for (int i = filled; i < size; i++) {
            result[i] = ' ';
        }
        return result;
    }
}
