package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Sec-WebSocket-Extensions grammar (RFC 6455 §9.1): what we format, we parse back, however
 * it is spaced, quoted or split into lines.
 */
class ExtensionHeaderPropertiesTest {

    /** Up to five extensions with up to four parameters each, with or without values. */
    static List<WebSocketExtension> extensionList(Gen gen) {
        return gen.list(0, 5, () -> new WebSocketExtension(HttpGenerators.token(gen),
                ExtensionParameters.of(gen.list(0, 4, () -> new ExtensionParameter(HttpGenerators.token(gen),
                        gen.bool() ? Optional.of(HttpGenerators.token(gen)) : Optional.empty())))));
    }

    @Test
    void formatThenParseIsIdentity() {
        Generated.forAll(200, gen -> {
            List<WebSocketExtension> extensions = extensionList(gen);
            assertEquals(extensions, ExtensionHeader.parse(List.of(ExtensionHeader.format(extensions))));
        });
    }

    @Test
    void whitespaceQuotingAndLineSplitsDoNotChangeTheMeaning() {
        Generated.forAll(200, gen -> respaced(extensionList(gen), gen.string(" \t", 0, 2), gen.bool(), gen.bool()));
    }

    private static void respaced(List<WebSocketExtension> extensions, String space, boolean quoteValues,
                                 boolean oneLinePerExtension) throws ExtensionNegotiationException {
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

    /** A quoted-string holding the value, every character escaped with a backslash. */
    private static String quoted(String value) {
        return value.chars().mapToObj(c -> "\\" + (char) c).collect(Collectors.joining("", "\"", "\""));
    }
}
