package dev.wsnio.examples;

import java.util.Objects;

/**
 * One {@code --name} option a command accepts: a flag, or an option with a value, possibly
 * repeatable, with its help text and default.
 *
 * @param name the name without the leading dashes, e.g. {@code port}
 * @param valueLabel how the help names the value, e.g. {@code PORT}; null for a flag
 * @param description one line for the help
 * @param defaultValue the value when the option is absent, or null for none
 * @param repeatable whether the option may be given more than once (every value is kept)
 */
public record Option(String name, String valueLabel, String description, String defaultValue,
                     boolean repeatable) {

    /**
     * Validates the option.
     *
     * @param name the name without the leading dashes
     * @param valueLabel how the help names the value; null for a flag
     * @param description one line for the help
     * @param defaultValue the value when the option is absent, or null
     * @param repeatable whether every value given is kept
     * @throws NullPointerException when the name or description is null
     */
    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    /**
     * An option without a value: present or absent.
     *
     * @param name the name without dashes
     * @param description one line for the help
     * @return the option
     */
    public static Option flag(String name, String description) {
        return new Option(name, null, description, null, false);
    }

    /**
     * An option with one value (the last one given wins).
     *
     * @param name the name without dashes
     * @param valueLabel how the help names the value
     * @param description one line for the help
     * @param defaultValue the value when absent, or null
     * @return the option
     */
    public static Option value(String name, String valueLabel, String description, String defaultValue) {
        return new Option(name, valueLabel, description, defaultValue, false);
    }

    /**
     * An option that may be given several times, keeping every value in order.
     *
     * @param name the name without dashes
     * @param valueLabel how the help names the value
     * @param description one line for the help
     * @return the option
     */
    public static Option repeatable(String name, String valueLabel, String description) {
        return new Option(name, valueLabel, description, null, true);
    }

    /**
     * Whether the option takes a value.
     *
     * @return false for a flag
     */
    public boolean takesValue() {
        return valueLabel != null;
    }
}
