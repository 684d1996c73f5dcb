package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered parameters of one extension offer or response, immutable. Names are matched
 * ignoring case, like other HTTP parameter names (RFC 9110 §5.6.6); a name may repeat, which
 * an extension usually treats as an error ({@link #count(String)} tells).
 */
public final class ExtensionParameters {

    private static final ExtensionParameters EMPTY = new ExtensionParameters(List.of());

    private final List<ExtensionParameter> parameters;

    private ExtensionParameters(List<ExtensionParameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /**
     * No parameters.
     *
     * @return the empty parameters
     */
    public static ExtensionParameters empty() {
        return EMPTY;
    }

    /**
     * The given parameters, in order.
     *
     * @param parameters the parameters
     * @return the parameters
     */
    public static ExtensionParameters of(List<ExtensionParameter> parameters) {
        return new ExtensionParameters(parameters);
    }

    /**
     * A copy with a parameter without value appended.
     *
     * @param name the parameter name, a token
     * @return the new parameters
     * @throws IllegalArgumentException when the name is not a token
     */
    public ExtensionParameters with(String name) {
        return with(ExtensionParameter.of(name));
    }

    /**
     * A copy with a parameter and its value appended.
     *
     * @param name  the parameter name, a token
     * @param value the value, a token
     * @return the new parameters
     * @throws IllegalArgumentException when the name or value is not a token
     */
    public ExtensionParameters with(String name, String value) {
        return with(ExtensionParameter.of(name, value));
    }

    private ExtensionParameters with(ExtensionParameter parameter) {
        List<ExtensionParameter> copy = new ArrayList<>(parameters);
        copy.add(parameter);
        return new ExtensionParameters(copy);
    }

    /**
     * Every parameter, in order.
     *
     * @return an unmodifiable list of the parameters
     */
    public List<ExtensionParameter> asList() {
        return parameters;
    }

    /**
     * Whether there are no parameters.
     *
     * @return true when there are none
     */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /**
     * Whether a parameter with this name is present, with or without a value.
     *
     * @param name the parameter name, any case
     * @return true when present
     */
    public boolean has(String name) {
        return count(name) > 0;
    }

    /**
     * How many parameters have this name.
     *
     * @param name the parameter name, any case
     * @return the number of parameters with this name
     */
    public int count(String name) {
        int count = 0;
        for (ExtensionParameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The value of the first parameter with this name.
     *
     * @param name the parameter name, any case
     * @return the value, or empty when the parameter is absent or has no value (use {@link
     *         #has(String)} to tell the two apart)
     */
    public Optional<String> value(String name) {
        return parameters.stream()
                .filter(parameter -> parameter.name().equalsIgnoreCase(name))
                .findFirst()
                .flatMap(ExtensionParameter::value);
    }

    /**
     * Equal when the same parameters appear in the same order.
     *
     * @param other another object
     * @return true for equal parameters
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ExtensionParameters that && parameters.equals(that.parameters);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the parameters
     */
    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    /**
     * The parameters as written in the header, each preceded by {@code "; "}.
     *
     * @return the header form, empty when there are no parameters
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        parameters.forEach(parameter -> text.append("; ").append(parameter));
        return text.toString();
    }
}
