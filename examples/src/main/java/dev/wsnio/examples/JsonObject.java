package dev.wsnio.examples;

import java.util.Locale;

/**
 * Writes one JSON object (RFC 8259) field by field, by hand: the examples need no JSON library
 * for the few small messages they send.
 *
 * <pre>{@code
 * String json = new JsonObject().field("type", "greeting").field("text", "你好, ttq123").toString();
 * }</pre>
 */
public final class JsonObject {

    private final StringBuilder json = new StringBuilder("{");

    /** Starts an empty object. */
    public JsonObject() {
    }

    /**
     * Adds a string field.
     *
     * @param name the field's name
     * @param value the value, escaped as RFC 8259 §7 requires
     * @return this object
     */
    public JsonObject field(String name, String value) {
        name(name);
        quote(json, value);
        return this;
    }

    /**
     * Adds an integer field.
     *
     * @param name the field's name
     * @param value the value
     * @return this object
     */
    public JsonObject field(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    /**
     * Adds a boolean field.
     *
     * @param name the field's name
     * @param value the value
     * @return this object
     */
    public JsonObject field(String name, boolean value) {
        name(name);
        json.append(value);
        return this;
    }

    /**
     * Adds a number field with a fixed number of decimals; NaN and infinities, which JSON cannot
     * hold, become {@code null}.
     *
     * @param name the field's name
     * @param value the value
     * @param decimals digits after the point
     * @return this object
     */
    public JsonObject field(String name, double value, int decimals) {
        name(name);
        if (Double.isFinite(value)) {
            json.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
        } else {
            json.append("null");
        }
        return this;
    }

    /**
     * Adds a field whose value is already JSON (a nested object or an array).
     *
     * @param name the field's name
     * @param rawJson the value, written as it is
     * @return this object
     */
    public JsonObject rawField(String name, String rawJson) {
        name(name);
        json.append(rawJson);
        return this;
    }

    /** The object's JSON text. */
    @Override
    public String toString() {
        return json + "}";
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(json, name);
        json.append(':');
    }

    /**
     * Appends a JSON string literal: quotes, backslashes and control characters escaped
     * (RFC 8259 §7); everything else, non-ASCII included, as it is.
     *
     * @param out where to append
     * @param text the string's value
     */
    public static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        // U+2028/2029 are valid JSON but break older JavaScript parsers
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * A JSON string literal for a value.
     *
     * @param text the string's value
     * @return the quoted, escaped literal
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(out, text);
        return out.toString();
    }
}
