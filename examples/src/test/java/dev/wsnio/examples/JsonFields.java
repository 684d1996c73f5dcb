package dev.wsnio.examples;

import java.util.Optional;

/**
 * Reads a string field out of a JSON text by name, enough for the DevTools protocol's answers
 * (the first occurrence of {@code "name":"..."} wins; escapes are decoded).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * The value of the first string field with this name.
     *
     * @param json a JSON text
     * @param name the field's name
     * @return the decoded string, if such a field exists
     */
    public static Optional<String> string(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        while (at >= 0) {
            int start = skipSpaces(json, at + key.length());
            if (start < json.length() && json.charAt(start) == '"') {
                return Optional.of(decode(json, start + 1));
            }
            at = json.indexOf(key, at + 1);
        }
        return Optional.empty();
    }

    private static int skipSpaces(String json, int from) {
        int i = from;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String decode(String json, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        throw new IllegalArgumentException("unterminated string in " + json);
    }
}
