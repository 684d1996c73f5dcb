package dev.wsnio.examples;

import dev.wsnio.examples.autobahn.AutobahnClientCommand;
import dev.wsnio.examples.chat.ChatCommand;
import dev.wsnio.examples.connect.ConnectCommand;
import dev.wsnio.examples.demo.DemoCommand;
import dev.wsnio.examples.echo.EchoServerCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of {@code ws-examples.jar}: picks the subcommand named by the first argument
 * ({@code demo} when there is none, or when the first argument is an option) and runs it.
 *
 * <p>Exit status: what the command returns (0 on success), 1 when it fails, 2 for a wrong
 * command line.
 */
public final class Main {

    /** Exit status of a command that did what it was asked. */
    public static final int SUCCESS = 0;
    /** Exit status of a command that failed. */
    public static final int FAILURE = 1;
    /** Exit status for a wrong command line. */
    public static final int USAGE = 2;

    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    private final List<Command> commands;

    /**
     * Creates a dispatcher.
     *
     * @param commands the commands; the first is the default
     */
    public Main(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /**
     * Runs the program and exits with the command's status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // The library logs through System.Logger, by default to java.util.logging: one line per
        // record, timed like the examples' own output, unless the user configured otherwise.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        int status = new Main(standardCommands()).run(Arrays.asList(args), Terminal.system());
        System.exit(status);
    }

    /**
     * The program's commands.
     *
     * @return the commands, the default ({@code demo}) first
     */
    public static List<Command> standardCommands() {
        return List.of(new DemoCommand(), new EchoServerCommand(), new ConnectCommand(), new ChatCommand(),
                new AutobahnClientCommand());
    }

    /**
     * Dispatches a command line.
     *
     * @param args the command line: an optional command name, then its arguments
     * @param terminal the streams to use
     * @return the exit status
     */
    public int run(List<String> args, Terminal terminal) {
        if (!args.isEmpty() && (args.get(0).equals("help") || isHelp(args.get(0)))) {
            return helpFor(args.size() > 1 ? args.get(1) : null, terminal);
        }
        Command command = commands.get(0);
        List<String> rest = args;
        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
            Optional<Command> named = find(args.get(0));
            if (named.isEmpty()) {
                terminal.err().println("error: unknown command '" + args.get(0) + "'");
                terminal.err().print(HelpText.overview(commands));
                return USAGE;
            }
            command = named.get();
            rest = args.subList(1, args.size());
        }
        if (asksForHelp(rest)) {
            terminal.out().print(HelpText.of(command));
            return SUCCESS;
        }
        try {
            return command.run(Arguments.parse(command.options(), rest), terminal);
        } catch (UsageException e) {
            terminal.err().println("error: " + e.getMessage());
            terminal.err().println("Run '" + HelpText.PROGRAM + " " + command.name() + " --help' for usage.");
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("error: interrupted");
            return FAILURE;
        } catch (Exception e) {
            terminal.err().println("error: " + describe(e));
            return FAILURE;
        }
    }

    private int helpFor(String name, Terminal terminal) {
        if (name == null) {
            terminal.out().print(HelpText.overview(commands));
            return SUCCESS;
        }
        Optional<Command> command = find(name);
        if (command.isEmpty()) {
            terminal.err().println("error: unknown command '" + name + "'");
            terminal.err().print(HelpText.overview(commands));
            return USAGE;
        }
        terminal.out().print(HelpText.of(command.get()));
        return SUCCESS;
    }

    private Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    private static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (isHelp(arg)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /**
     * A one-line description of a failure: its message, then its cause's when that adds
     * something.
     *
     * @param error the failure
     * @return the description
     */
    public static String describe(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}
