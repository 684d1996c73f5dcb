package dev.wsnio.examples;

import java.util.List;

/** Writes the program's help: the list of commands, and each command's options. */
public final class HelpText {

    /** How the program is started, as the help shows it. */
    public static final String PROGRAM = "java -jar ws-examples.jar";

    private HelpText() {
    }

    /**
     * The overview: usage and the list of commands.
     *
     * @param commands the commands, the default first
     * @return the text, ending with a newline
     */
    public static String overview(List<Command> commands) {
        StringBuilder text = new StringBuilder();
        text.append("wsnio examples: runnable programs on the wsnio WebSocket library\n\n");
        text.append("Usage: ").append(PROGRAM).append(" [COMMAND] [options]\n\n");
        text.append("Commands:\n");
        int width = commands.stream().mapToInt(command -> command.name().length()).max().orElse(0);
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            text.append("  ").append(pad(command.name(), width)).append("  ").append(command.summary());
            text.append(i == 0 ? " (the default)\n" : "\n");
        }
        text.append("\nRun '").append(PROGRAM).append(" COMMAND --help' for a command's options.\n");
        return text.toString();
    }

    /**
     * A command's help: usage, description and options with their defaults.
     *
     * @param command the command
     * @return the text, ending with a newline
     */
    public static String of(Command command) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(PROGRAM).append(' ').append(command.name());
        text.append(' ').append(command.synopsis()).append("\n\n");
        text.append(command.description().strip()).append("\n");
        List<Option> options = command.options();
        text.append("\nOptions:\n");
        int width = options.stream().mapToInt(option -> usage(option).length()).max().orElse(0);
        width = Math.max(width, "--help".length());
        for (Option option : options) {
            text.append("  ").append(pad(usage(option), width)).append("  ").append(option.description());
            if (option.defaultValue() != null) {
                text.append(" (default ").append(option.defaultValue()).append(')');
            }
            if (option.repeatable()) {
                text.append(" (repeatable)");
            }
            text.append('\n');
        }
        text.append("  ").append(pad("--help", width)).append("  show this help\n");
        return text.toString();
    }

    private static String usage(Option option) {
        return option.takesValue() ? "--" + option.name() + " " + option.valueLabel() : "--" + option.name();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
