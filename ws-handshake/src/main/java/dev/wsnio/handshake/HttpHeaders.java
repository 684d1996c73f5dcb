package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a message head, immutable, in the order they were received or added.
 *
 * <p>Names are matched case-insensitively (RFC 9110 §5.1) but kept as written. A field that
 * appears on several lines is multi-valued: {@link #all(String)} returns every line's value
 * in order, and {@link #tokens(String)} reads a comma-separated list spread over several
 * lines as one list (RFC 9110 §5.3 allows such a split).
 */
public final class HttpHeaders {

    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<HttpField> fields;

    private HttpHeaders(List<HttpField> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * No header fields.
     *
     * @return the empty headers
     */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * Headers holding the given fields in the given order.
     *
     * @param fields the fields
     * @return the headers
     */
    public static HttpHeaders of(List<HttpField> fields) {
        return new HttpHeaders(fields);
    }

    /**
     * A copy with one more field at the end.
     *
     * @param name  the field name, a token
     * @param value the field value
     * @return the new headers
     * @throws IllegalArgumentException when the name or value is invalid (see {@link HttpField})
     */
    public HttpHeaders with(String name, String value) {
        List<HttpField> copy = new ArrayList<>(fields);
        copy.add(new HttpField(name, value));
        return new HttpHeaders(copy);
    }

    /**
     * Every field, in order.
     *
     * @return an unmodifiable list of the fields
     */
    public List<HttpField> fields() {
        return fields;
    }

    /**
     * The number of field lines.
     *
     * @return the number of fields
     */
    public int size() {
        return fields.size();
    }

    /**
     * Whether a field with this name is present.
     *
     * @param name the field name, any case
     * @return true when at least one field line has this name
     */
    public boolean contains(String name) {
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many field lines have this name (what a server checks before it trusts a field that
     * must appear once), without a list.
     *
     * @param name the field name, any case
     * @return the number of lines
     */
    int count(String name) {
        int count = 0;
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The value of the first field line with this name, or null: {@link #first} without an
     * {@code Optional}, for the handshake's own lookups.
     *
     * @param name the field name, any case
     * @return the first value, or null when the field is absent
     */
    String firstOrNull(String name) {
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                return field.value();
            }
        }
        return null;
    }

    /**
     * The value of the first field line with this name.
     *
     * @param name the field name, any case
     * @return the first value, or empty when the field is absent
     */
    public Optional<String> first(String name) {
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The values of every field line with this name, in order.
     *
     * @param name the field name, any case
     * @return the values, empty when the field is absent
     */
    public List<String> all(String name) {
        List<String> values = null;
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(field.value());
            }
        }
        return values == null ? List.of() : List.copyOf(values);
    }

    /**
     * The elements of a comma-separated list field (RFC 9110 §5.6.1) such as {@code
     * Connection}, {@code Upgrade} or {@code Sec-WebSocket-Protocol}, over all its lines, in
     * order, each stripped of whitespace; empty elements are dropped as §5.6.1 requires.
     *
     * <p>Splitting ignores quoting, so this is for lists of tokens only; lists whose elements
     * may hold quoted strings (such as {@code Sec-WebSocket-Extensions}) have their own
     * parser.
     *
     * @param name the field name, any case
     * @return the list elements, empty when the field is absent
     */
    public List<String> tokens(String name) {
        if (!contains(name)) {
            return List.of(); // the common case (Sec-WebSocket-Protocol): no list to build
        }
        List<String> tokens = new ArrayList<>();
        for (String value : all(name)) {
            for (String element : value.split(",", -1)) {
                String trimmed = HttpGrammar.trimWhitespace(element);
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }

    /**
     * Whether a comma-separated list field holds a token, ignoring case; e.g. {@code
     * containsToken("Connection", "upgrade")} for {@code Connection: keep-alive, Upgrade}.
     *
     * @param name  the field name, any case
     * @param token the token to look for, any case
     * @return true when one of the list elements equals the token, ignoring case
     */
    public boolean containsToken(String name, String token) {
        // Looked up on every handshake (Connection, Upgrade): walks the lines without a list.
        for (HttpField field : fields) {
            if (!field.hasName(name)) {
                continue;
            }
            String value = field.value();
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                if (HttpGrammar.trimWhitespace(value.substring(start, end)).equalsIgnoreCase(token)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /**
     * Headers are equal when they hold equal fields in the same order.
     *
     * @param other another object
     * @return true for equal headers
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders headers && fields.equals(headers.fields);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the field list
     */
    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /**
     * The fields, for debugging.
     *
     * @return a description of the fields
     */
    @Override
    public String toString() {
        return fields.toString();
    }
}
