package dev.wsnio.handshake;

import dev.wsnio.testkit.Gen;
import java.nio.charset.StandardCharsets;

/** Generators of HTTP pieces for the properties, and the encodings that put them on the wire. */
final class HttpGenerators {

    private static final String TOKEN_CHARS =
            "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String UNRESERVED =
            "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private HttpGenerators() {
    }

    /** A token (RFC 9110 §5.6.2) of 1 to 12 characters. */
    static String token(Gen gen) {
        return gen.string(TOKEN_CHARS, 1, 12);
    }

    /** A host name, with a port or not: what a Host header holds. */
    static String host(Gen gen) {
        String name = gen.string("abcdefghijklmnopqrstuvwxyz0123456789-.", 1, 20);
        return gen.bool() ? name : name + ":" + gen.between(1, 65535);
    }

    /** Any text of Unicode scalar values (no lone surrogates), emoji and CJK included. */
    static String unicodeText(Gen gen) {
        StringBuilder text = new StringBuilder();
        for (int count = gen.length(0, 10); count > 0; count--) {
            text.appendCodePoint(switch (gen.weighted(6, 2, 1, 1)) {
                case 0 -> gen.between(0x20, 0x7E);
                case 1 -> gen.between(0xA0, 0x7FF);
                case 2 -> gen.between(0x4E00, 0x4EFF);
                default -> gen.between(0x1F600, 0x1F64F);
            });
        }
        return text.toString();
    }

    /**
     * A field value: visible characters, obs-text and inner whitespace, never whitespace at
     * either end (the parser strips it, so it could not round-trip).
     */
    static String fieldValue(Gen gen) {
        StringBuilder value = new StringBuilder();
        for (int count = gen.length(0, 30); count > 0; count--) {
            value.append(switch (gen.weighted(8, 1, 1)) {
                case 0 -> (char) gen.between('!', '~');
                case 1 -> gen.bool() ? ' ' : '\t';
                default -> (char) gen.between(0x80, 0xFF);
            });
        }
        return HttpGrammar.trimWhitespace(value.toString());
    }

    /** Optional whitespace: what a sender may put around a field value. */
    static String optionalWhitespace(Gen gen) {
        return gen.string(" \t", 0, 3);
    }

    /** Percent-encodes everything but unreserved characters (RFC 3986 §2.3), as UTF-8. */
    static String percentEncode(String text, boolean spaceAsPlus) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (UNRESERVED.indexOf(b) >= 0) {
                encoded.append((char) b);
            } else if (b == ' ' && spaceAsPlus) {
                encoded.append('+');
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
