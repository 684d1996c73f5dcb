package dev.wsnio.handshake;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of HTTP pieces for the properties, and the encodings that put them on the wire. */
final class HttpArbitraries {

    private static final String TOKEN_CHARS =
            "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String UNRESERVED =
            "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private HttpArbitraries() {
    }

    static Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(12);
    }

    /** A host name, with a port or not: what a Host header holds. */
    static Arbitrary<String> hosts() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(number -> ":" + number);
        return Combinators.combine(name, Arbitraries.oneOf(Arbitraries.just(""), port)).as(String::concat);
    }

    /** Any text of Unicode scalar values (no lone surrogates), emoji and CJK included. */
    static Arbitrary<String> unicodeText() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                        Tuple.of(2, Arbitraries.integers().between(0xA0, 0x7FF)),
                        Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x4EFF)),
                        Tuple.of(1, Arbitraries.integers().between(0x1F600, 0x1F64F)))
                .list().ofMaxSize(10)
                .map(codePoints -> codePoints.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
    }

    /**
     * A field value: visible characters, obs-text and inner whitespace, never whitespace at
     * either end (the parser strips it, so it could not round-trip).
     */
    static Arbitrary<String> fieldValues() {
        Arbitrary<Character> visible = Arbitraries.chars().range('!', '~');
        Arbitrary<Character> anyValueChar = Arbitraries.frequencyOf(
                Tuple.of(8, visible),
                Tuple.of(1, Arbitraries.of(' ', '\t')),
                Tuple.of(1, Arbitraries.chars().range('\u0080', '\u00ff')));
        return anyValueChar.list().ofMaxSize(30)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()))
                .map(HttpGrammar::trimWhitespace);
    }

    /** Optional whitespace: what a sender may put around a field value. */
    static Arbitrary<String> optionalWhitespace() {
        return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
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
