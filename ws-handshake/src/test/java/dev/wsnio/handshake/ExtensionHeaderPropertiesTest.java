package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ExtensionHeaderPropertiesTest {

    @Provide
    Arbitrary<List<WebSocketExtension>> extensionLists() {
        Arbitrary<ExtensionParameter> parameter = Combinators
                .combine(HttpArbitraries.tokens(), HttpArbitraries.tokens().optional())
                .as(ExtensionParameter::new);
        Arbitrary<WebSocketExtension> extension = Combinators
                .combine(HttpArbitraries.tokens(), parameter.list().ofMaxSize(4).map(ExtensionParameters::of))
                .as(WebSocketExtension::new);
        return extension.list().ofMaxSize(5);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll("extensionLists") List<WebSocketExtension> extensions)
            throws ExtensionNegotiationException {
        assertEquals(extensions, ExtensionHeader.parse(List.of(ExtensionHeader.format(extensions))));
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void whitespaceQuotingAndLineSplitsDoNotChangeTheMeaning(
            @ForAll("extensionLists") List<WebSocketExtension> extensions,
            @ForAll("whitespace") String space, @ForAll boolean quoteValues, @ForAll boolean oneLinePerExtension)
            throws ExtensionNegotiationException {
        List<String> elements = extensions.stream()
                .map(extension -> extension.name() + extension.parameters().asList().stream()
                        .map(parameter -> space + ";" + space + parameter.name() + parameter.value()
                                .map(value -> space + "=" + space + (quoteValues ? quoted(value) : value))
                                .orElse(""))
                        .collect(Collectors.joining()))
                .toList();
        List<String> lines = oneLinePerExtension
                ? elements.stream().map(element -> space + element + space).toList()
                : List.of(space + String.join(space + "," + space, elements) + space);

        assertEquals(extensions, ExtensionHeader.parse(lines));
    }

    @Property(tries = 1000)
    void arbitraryTextParsesOrFailsWithATypedError(@ForAll("headerLikeText") String text) {
        try {
            ExtensionHeader.parse(List.of(text));
        } catch (ExtensionNegotiationException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.strings().withChars(" \t").ofMaxLength(2);
    }

    @Provide
    Arbitrary<String> headerLikeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab=;,\"\\ \t-_1").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(30));
    }

    /** A quoted-string holding the value, every character escaped with a backslash. */
    private static String quoted(String value) {
        return value.chars().mapToObj(c -> "\\" + (char) c).collect(Collectors.joining("", "\"", "\""));
    }
}
