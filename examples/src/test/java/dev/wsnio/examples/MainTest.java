package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher: which command runs, with which arguments, and the exit status. */
class MainTest {

    private final CapturedOutput out = new CapturedOutput();
    private final CapturedOutput err = new CapturedOutput();
    private final Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), out.stream(), err.stream());
    private final Recording first = new Recording("first");
    private final Recording second = new Recording("second");
    private final Main main = new Main(List.of(first, second));

    private int run(String... args) {
        return main.run(List.of(args), terminal);
    }

    @Test
    void runsTheFirstCommandWhenNoneIsNamed() {
        assertEquals(0, run());
        assertEquals(List.of("first []"), first.runs);
    }

    @Test
    void runsTheFirstCommandWithTheOptionsWhenTheFirstArgumentIsAnOption() {
        assertEquals(0, run("--port", "1"));
        assertEquals(List.of("first [] port=1"), first.runs);
    }

    @Test
    void runsTheNamedCommandWithTheRest() {
        assertEquals(0, run("second", "x", "--port=2"));
        assertEquals(List.of("second [x] port=2"), second.runs);
        assertEquals(List.of(), first.runs);
    }

    @Test
    void printsTheOverviewForHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out.text().contains("Usage: java -jar ws-examples.jar [COMMAND] [options]"), out.text());
        assertTrue(out.text().contains("first   the first command (the default)"), out.text());
        assertTrue(out.text().contains("second  the second command\n"), out.text());
    }

    @Test
    void printsACommandsHelpWithItsOptionsAndDefaults() {
        assertEquals(0, run("second", "--port", "1", "--help"));
        assertEquals(List.of(), second.runs);
        assertTrue(out.text().startsWith("Usage: java -jar ws-examples.jar second [--port PORT] ARG\n"), out.text());
        assertTrue(out.text().contains("  --port PORT  the port (default 7)\n"), out.text());
        assertTrue(out.text().contains("  --help       show this help\n"), out.text());
        assertEquals(0, run("help", "first"));
        assertTrue(out.text().contains("Usage: java -jar ws-examples.jar first"), out.text());
    }

    @Test
    void helpAfterDoubleDashIsAnArgument() {
        assertEquals(0, run("second", "--", "--help"));
        assertEquals(List.of("second [--help] port=7"), second.runs);
    }

    @Test
    void everyCommandOfTheProgramHasHelpListingItsOptions() {
        Main program = new Main(Main.standardCommands());
        assertEquals(List.of("demo", "echo-server", "connect", "chat", "autobahn-client"),
                Main.standardCommands().stream().map(Command::name).toList());
        for (Command command : Main.standardCommands()) {
            CapturedOutput help = new CapturedOutput();
            Terminal helpTerminal = new Terminal(new ByteArrayInputStream(new byte[0]), help.stream(), err.stream());
            assertEquals(0, program.run(List.of(command.name(), "--help"), helpTerminal));
            assertTrue(help.text().startsWith("Usage: java -jar ws-examples.jar " + command.name() + " "), help.text());
            for (Option option : command.options()) {
                assertTrue(help.text().contains("  --" + option.name()), command.name() + " --" + option.name());
            }
        }
    }

    @Test
    void unknownCommandExitsWithUsageStatus() {
        assertEquals(Main.USAGE, run("third"));
        assertTrue(err.text().startsWith("error: unknown command 'third'\n"), err.text());
    }

    @Test
    void badOptionExitsWithUsageStatusAndAHint() {
        assertEquals(Main.USAGE, run("second", "--port", "x"));
        assertEquals("error: --port needs a number, not 'x'\n"
                + "Run 'java -jar ws-examples.jar second --help' for usage.\n", err.text());
    }

    @Test
    void failingCommandExitsWithFailureStatusAndOneLine() {
        assertEquals(Main.FAILURE, run("second", "fail"));
        assertEquals("error: cannot listen: Address already in use\n", err.text());
    }

    @Test
    void exitStatusIsTheCommands() {
        assertEquals(3, run("second", "three"));
    }

    /** A command that records how it was run. */
    private static final class Recording implements Command {
        private final String name;
        private final List<String> runs = new ArrayList<>();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return "the " + name + " command";
        }

        @Override
        public String synopsis() {
            return "[--port PORT] ARG";
        }

        @Override
        public String description() {
            return "Does nothing.";
        }

        @Override
        public List<Option> options() {
            return List.of(Option.value("port", "PORT", "the port", name.equals("first") ? null : "7"));
        }

        @Override
        public int run(Arguments arguments, Terminal terminal) throws Exception {
            if (arguments.positionals().contains("fail")) {
                throw new java.io.UncheckedIOException("cannot listen", new IOException("Address already in use"));
            }
            if (arguments.positionals().contains("three")) {
                return 3;
            }
            String port = arguments.value("port");
            if (port != null) {
                arguments.port("port");
            }
            runs.add(name + " " + arguments.positionals() + (port == null ? "" : " port=" + port));
            return 0;
        }
    }
}
