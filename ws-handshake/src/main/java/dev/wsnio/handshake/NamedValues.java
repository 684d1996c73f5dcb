package dev.wsnio.handshake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered list of name/value pairs in which a name may repeat: the decoded
 * parameters of a query string, or the cookies of a request. Names are compared exactly
 * (case-sensitively), as both query parameter names and cookie names are.
 */
public final class NamedValues {

    private static final NamedValues EMPTY = new NamedValues(List.of());

    private final List<Entry> entries;

    private NamedValues(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * One name/value pair.
     *
     * @param name  the name, possibly empty
     * @param value the value, possibly empty
     */
    public record Entry(String name, String value) {

        /**
         * Checks that neither part is null.
         *
         * @param name  the name
         * @param value the value
         * @throws NullPointerException when a part is null
         */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * No pairs.
     *
     * @return the empty list of pairs
     */
    public static NamedValues empty() {
        return EMPTY;
    }

    /**
     * The given pairs, in the given order.
     *
     * @param entries the pairs
     * @return the pairs as {@code NamedValues}
     */
    public static NamedValues of(List<Entry> entries) {
        return new NamedValues(entries);
    }

    /**
     * Every pair, in order.
     *
     * @return an unmodifiable list of the pairs
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The value of the first pair with this name.
     *
     * @param name the exact name
     * @return the first value, or empty when no pair has this name
     */
    public Optional<String> first(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).map(Entry::value).findFirst();
    }

    /**
     * The values of every pair with this name, in order.
     *
     * @param name the exact name
     * @return the values, empty when no pair has this name
     */
    public List<String> all(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).map(Entry::value).toList();
    }

    /**
     * Whether a pair has this name.
     *
     * @param name the exact name
     * @return true when at least one pair has this name
     */
    public boolean contains(String name) {
        return entries.stream().anyMatch(entry -> entry.name().equals(name));
    }

    /**
     * The number of pairs.
     *
     * @return the number of pairs, repeated names counted each time
     */
    public int size() {
        return entries.size();
    }

    /**
     * Whether there are no pairs.
     *
     * @return true when there are no pairs
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Equal when the same pairs appear in the same order.
     *
     * @param other another object
     * @return true for equal pairs
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof NamedValues values && entries.equals(values.entries);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the pairs
     */
    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /**
     * The pairs, for debugging.
     *
     * @return a description of the pairs
     */
    @Override
    public String toString() {
        return entries.toString();
    }
}
