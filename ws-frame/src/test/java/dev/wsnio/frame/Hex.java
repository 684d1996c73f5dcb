package dev.wsnio.frame;

import java.nio.ByteBuffer;

/** Bytes written as hex in tests, e.g. {@code Hex.bytes("CE BA E1")}, and back for messages. */
final class Hex {

    private Hex() {
    }

    /** Parses pairs of hex digits; spaces between them are ignored. */
    static byte[] bytes(String hex) {
        String digits = hex.replace(" ", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** A heap buffer wrapping the parsed bytes. */
    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    /** The bytes as space-separated upper-case hex pairs. */
    static String of(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }
}
