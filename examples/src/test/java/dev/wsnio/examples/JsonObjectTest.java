package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonObjectTest {

    @Test
    void writesFieldsInOrder() {
        assertEquals("{\"type\":\"greeting\",\"n\":-3,\"x\":1.50,\"text\":\"你好, ttq123\"}",
                new JsonObject().field("type", "greeting").field("n", -3).field("x", 1.5, 2)
                        .field("text", "你好, ttq123").toString());
    }

    @Test
    void emptyObject() {
        assertEquals("{}", new JsonObject().toString());
    }

    @Test
    void numbersJsonCannotHoldBecomeNull() {
        assertEquals("{\"cpu\":null,\"inf\":null}", new JsonObject().field("cpu", Double.NaN, 1)
                .field("inf", Double.POSITIVE_INFINITY, 1).toString());
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0000\\u001f\\u2028 é\"", JsonObject.quote("a\"b\\c\n\r\t\u0000\u001f\u2028 é"));
    }
}
