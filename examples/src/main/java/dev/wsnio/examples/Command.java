package dev.wsnio.examples;

import java.util.List;

/**
 * A subcommand of the examples program ({@code java -jar ws-examples.jar NAME [options]}).
 */
public interface Command {

    /**
     * The name typed on the command line.
     *
     * @return e.g. {@code echo-server}
     */
    String name();

    /**
     * One line for the list of commands.
     *
     * @return the line
     */
    String summary();

    /**
     * The arguments after the name, for the help.
     *
     * @return e.g. {@code [options] URL}
     */
    String synopsis();

    /**
     * What the command does, for its {@code --help}.
     *
     * @return a few lines
     */
    String description();

    /**
     * The options the command accepts.
     *
     * @return the options, in the order the help lists them
     */
    List<Option> options();

    /**
     * Runs the command. Servers return once the process is shutting down.
     *
     * @param arguments the parsed arguments
     * @param terminal where to read input and write output
     * @return the exit status: 0 for success
     * @throws UsageException when the arguments do not make sense together
     * @throws Exception when the command fails in a way it does not report itself
     */
    int run(Arguments arguments, Terminal terminal) throws Exception;
}
