package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Generated;
import org.junit.jupiter.api.Test;

/** The demo's JSON quoting, on any Java string: no raw control character, and it reads back. */
class JsonObjectPropertiesTest {

    @Test
    void quotedStringsReadBackAsTheOriginal() {
        Generated.forAll(200, gen -> {
            String text = gen.anyString(255);
            String quoted = JsonObject.quote(text);
            assertTrue(quoted.chars().noneMatch(c -> c < 0x20), quoted);
            assertEquals(text, JsonFields.string("{\"k\":" + quoted + "}", "k").orElseThrow());
        });
    }
}
