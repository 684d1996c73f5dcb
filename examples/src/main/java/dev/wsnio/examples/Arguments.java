package dev.wsnio.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed command line: option values by name and the positional arguments, with typed
 * accessors that turn malformed values into {@link UsageException}s.
 *
 * <p>Accepted forms: {@code --name value}, {@code --name=value}, {@code --flag}; {@code --}
 * ends the options (everything after it is positional).
 */
public final class Arguments {

    private final Map<String, Option> options;
    private final Map<String, List<String>> given;
    private final List<String> positionals;

    private Arguments(Map<String, Option> options, Map<String, List<String>> given, List<String> positionals) {
        this.options = options;
        this.given = given;
        this.positionals = List.copyOf(positionals);
    }

    /**
     * Parses a command's arguments.
     *
     * @param accepted the options the command accepts
     * @param args the arguments after the command's name
     * @return the parsed arguments
     * @throws UsageException for an unknown option, a missing value, a value given to a flag,
     *     or a non-repeatable option given twice with different values
     */
    public static Arguments parse(List<Option> accepted, List<String> args) throws UsageException {
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option option : accepted) {
            byName.put(option.name(), option);
        }
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--") || arg.equals("-")) {
                if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
                    throw new UsageException("unknown option " + arg);
                }
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageException("unknown option --" + name);
            }
            String value;
            if (!option.takesValue()) {
                if (equals >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value (" + option.valueLabel() + ")");
            }
            List<String> values = given.computeIfAbsent(name, key -> new ArrayList<>());
            if (!option.repeatable()) {
                values.clear();
            }
            values.add(value);
        }
        return new Arguments(byName, given, positionals);
    }

    /**
     * The value of an option: the last one given, else its default.
     *
     * @param name the option's name
     * @return the value, or null when absent without default
     */
    public String value(String name) {
        List<String> values = given.get(known(name).name());
        return values == null ? options.get(name).defaultValue() : values.get(values.size() - 1);
    }

    /**
     * Every value given to a repeatable option, in order.
     *
     * @param name the option's name
     * @return the values, empty when none was given
     */
    public List<String> values(String name) {
        return List.copyOf(given.getOrDefault(known(name).name(), List.of()));
    }

    /**
     * Whether a flag was given.
     *
     * @param name the flag's name
     * @return true when present
     */
    public boolean flag(String name) {
        return given.containsKey(known(name).name());
    }

    /**
     * An option's value as an integer within bounds.
     *
     * @param name the option's name
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value
     * @throws UsageException when absent without default, not a number, or out of bounds
     */
    public int integer(String name, int min, int max) throws UsageException {
        String text = required(name);
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, not '" + text + "'");
        }
    }

    /**
     * An option's value as a TCP port (0 asks for any free port).
     *
     * @param name the option's name
     * @return the port, 0–65535
     * @throws UsageException when absent without default or not a port
     */
    public int port(String name) throws UsageException {
        return integer(name, 0, 65535);
    }

    /**
     * An option's value as a duration: a number with unit {@code ms}, {@code s} or {@code m}
     * ({@code 250ms}, {@code 15s}, {@code 2m}); a bare number means seconds.
     *
     * @param name the option's name
     * @return the duration, zero or positive
     * @throws UsageException when absent without default or malformed
     */
    public Duration duration(String name) throws UsageException {
        String text = required(name).trim().toLowerCase(Locale.ROOT);
        String digits = text.replaceFirst("(ms|s|m)$", "");
        String unit = text.substring(digits.length());
        long amount;
        try {
            amount = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a duration such as 250ms, 15s or 2m, not '" + text + "'");
        }
        if (amount < 0) {
            throw new UsageException("--" + name + " must not be negative");
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /**
     * The arguments that are not options.
     *
     * @return them, in order
     */
    public List<String> positionals() {
        return positionals;
    }

    private String required(String name) throws UsageException {
        String value = value(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private Option known(String name) {
        Option option = options.get(name);
        if (option == null) {
            throw new IllegalArgumentException("the command declares no option --" + name);
        }
        return option;
    }
}
