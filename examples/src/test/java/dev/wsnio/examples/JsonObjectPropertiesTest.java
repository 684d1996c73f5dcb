package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JsonObjectPropertiesTest {

    @Property
    void quotedStringsReadBackAsTheOriginal(@ForAll String text) {
        String quoted = JsonObject.quote(text);
        assertTrue(quoted.chars().noneMatch(c -> c < 0x20), quoted);
        assertEquals(text, JsonFields.string("{\"k\":" + quoted + "}", "k").orElseThrow());
    }
}
