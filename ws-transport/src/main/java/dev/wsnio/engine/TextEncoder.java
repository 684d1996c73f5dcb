package dev.wsnio.engine;

import java.nio.ByteBuffer;

/**
 * Encodes text to be sent as UTF-8 into an array an event loop keeps and reuses, for the text
 * sends made on that loop's thread: the write queue copies the frame at once (see
 * {@link Send#lentPayload}), so a text send made in a listener callback allocates no array and no
 * buffer per message. It grows to the largest text it took, up to {@value #MAX_CHARS} characters;
 * longer text is encoded into an array of its own. Loop thread only.
 */
final class TextEncoder {

    /** The longest text encoded here (at most three bytes per character: 48 KiB). */
    static final int MAX_CHARS = 16 * 1024;

    private byte[] array = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(array);

    /**
     * Encodes text as {@code String.getBytes(UTF_8)} does: a surrogate that is not part of a pair
     * becomes {@code '?'}.
     *
     * @param text the text, at most {@link #MAX_CHARS} characters
     * @return a view of the encoded bytes, valid until the next call
     */
    ByteBuffer encode(CharSequence text) {
        int length = text.length();
        if (3 * length > array.length) {
            array = new byte[Math.max(3 * length, Math.min(3 * MAX_CHARS, 2 * array.length))];
            view = ByteBuffer.wrap(array);
        }
        byte[] out = array;
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i)); // two chars, four bytes
                out[n++] = (byte) (0xF0 | codePoint >> 18);
                out[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[n++] = '?';
            }
        }
        return view.clear().limit(n);
    }
}
