package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionHeaderTest {

    private static List<WebSocketExtension> parse(String... lines) throws ExtensionNegotiationException {
        return ExtensionHeader.parse(List.of(lines));
    }

    @Test
    void parsesTheRfc7692Offer() throws ExtensionNegotiationException {
        List<WebSocketExtension> offers = parse(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate");

        assertEquals(List.of(
                new WebSocketExtension("permessage-deflate", ExtensionParameters.empty()
                        .with("client_max_window_bits")
                        .with("server_max_window_bits", "10")),
                WebSocketExtension.of("permessage-deflate")), offers);
    }

    @Test
    void unquotesQuotedValuesAndEscapes() throws ExtensionNegotiationException {
        ExtensionParameters parameters = parse("x; a=\"10\"; b=\"t\\ok\"").get(0).parameters();

        assertEquals(Optional.of("10"), parameters.value("a"));
        assertEquals(Optional.of("tok"), parameters.value("b"));
    }

    @Test
    void allowsWhitespaceAroundSeparators() throws ExtensionNegotiationException {
        assertEquals(parse("foo;a=1;b, bar"), parse("  foo ;\ta = 1 ; b\t ,   bar  "));
    }

    @Test
    void ignoresEmptyListElements() throws ExtensionNegotiationException {
        assertEquals(List.of(WebSocketExtension.of("a"), WebSocketExtension.of("b")), parse(", a ,, b ,"));
        assertEquals(List.of(), parse("", " , "));
    }

    @Test
    void readsSeveralHeaderLinesAsOneList() throws ExtensionNegotiationException {
        assertEquals(List.of(WebSocketExtension.of("a"), WebSocketExtension.of("b"), WebSocketExtension.of("c")),
                parse("a", "b, c"));
    }

    @Test
    void rejectsMalformedHeaders() {
        for (String value : List.of(
                "a;",                  // parameter missing after ';'
                "a; =1",               // parameter name missing
                "a; b=",               // value missing
                "a; b=\"\"",           // an empty quoted value is not a token
                "a; b=\"x y\"",        // nor is one with a space
                "a; b=\"x",            // unterminated quoted string
                "a; b=\"x\\",          // unterminated after an escape
                "a b",                 // two tokens without separator
                "a; b c",              // same, in a parameter
                "a; b=c=d",            // '=' is not a token character
                "a; b=1 2",
                ";a",                  // extension name missing
                "a/b",                 // '/' is not a token character
                "a; b=\"1\"x")) {      // junk after a quoted value
            assertThrows(ExtensionNegotiationException.class, () -> parse(value), value);
        }
    }

    @Test
    void formatsExtensionsWithTheirParameters() {
        List<WebSocketExtension> extensions = List.of(
                new WebSocketExtension("permessage-deflate", ExtensionParameters.empty()
                        .with("server_no_context_takeover")
                        .with("client_max_window_bits", "12")),
                WebSocketExtension.of("x-other"));

        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=12, x-other",
                ExtensionHeader.format(extensions));
        assertEquals("", ExtensionHeader.format(List.of()));
    }

    @Test
    void refusesNamesAndValuesThatAreNotTokens() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketExtension.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameter.of("a;b"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameter.of("a", "\"quoted\""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameter.of("a", ""));
    }

    @Test
    void looksUpParametersIgnoringCase() {
        ExtensionParameters parameters = ExtensionParameters.empty().with("Flag").with("bits", "9").with("BITS", "10");

        assertTrue(parameters.has("flag"));
        assertEquals(Optional.empty(), parameters.value("flag"));
        assertEquals(Optional.of("9"), parameters.value("Bits"));
        assertEquals(2, parameters.count("bits"));
        assertEquals(0, parameters.count("absent"));
        assertFalse(parameters.has("absent"));
    }
}
