package dev.wsnio.handshake;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Generated;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Sec-WebSocket-Extensions parser fed any text, one header line or several, yields a list of
 * extensions or an {@link ExtensionNegotiationException}, never another exception.
 *
 * <p>Fuzzed by Jazzer (regression inputs under {@code
 * src/test/resources/dev/wsnio/handshake/ExtensionHeaderFuzzTestInputs/}, run by every build;
 * {@code mvn verify -Pfuzz} fuzzes it), and checked on seeded header-like text.
 */
class ExtensionHeaderFuzzTest {

    @FuzzTest
    void anyTextParsesOrFailsWithATypedError(FuzzedDataProvider data) {
        int lines = data.consumeInt(1, 3);
        String[] values = new String[lines];
        for (int i = 0; i < lines - 1; i++) {
            values[i] = data.consumeString(60);
        }
        values[lines - 1] = data.consumeRemainingAsString();
        parse(List.of(values));
    }

    @Test
    void headerLikeTextParsesOrFailsWithATypedError() {
        Generated.forAll(1000, gen -> parse(List.of(gen.bool()
                ? gen.string("ab=;,\"\\ \t-_1", 0, 30)
                : gen.anyString(30))));
    }

    private static void parse(List<String> lines) {
        try {
            ExtensionHeader.parse(lines);
        } catch (ExtensionNegotiationException expected) {
            // the only failure allowed
        }
    }
}
