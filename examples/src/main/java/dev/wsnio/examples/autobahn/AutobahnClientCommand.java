package dev.wsnio.examples.autobahn;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.UsageException;
import dev.wsnio.examples.echo.EchoServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** {@code autobahn-client}: the client testee of the Autobahn|Testsuite's fuzzing server. */
public final class AutobahnClientCommand implements Command {

    /** Creates the command. */
    public AutobahnClientCommand() {
    }

    @Override
    public String name() {
        return "autobahn-client";
    }

    @Override
    public String summary() {
        return "runs every case of an Autobahn|Testsuite fuzzing server as the client testee";
    }

    @Override
    public String synopsis() {
        return "[--url URL] [--agent NAME] [--case-timeout DURATION]";
    }

    @Override
    public String description() {
        return """
                Drives the wsnio client through the Autobahn|Testsuite (wstest -m fuzzingserver):
                reads the number of cases from /getCaseCount, runs each /runCase?case=N&agent=NAME
                by echoing every message until the server closes, then asks /updateReports to
                write the report (the verdicts are there, not in this output). permessage-deflate
                is offered; limits are those of the echo server (64 MiB messages, 2^20 fragments).
                Exit status 0 once every case ran, 1 when the fuzzing server cannot be reached.
                """;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("url", "URL", "the fuzzing server", "ws://127.0.0.1:9001"),
                Option.value("agent", "NAME", "this client's name in the reports", "wsnio"),
                Option.value("case-timeout", "DURATION", "abandon a case that takes longer", "120s"));
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        URI url;
        try {
            url = URI.create(arguments.value("url"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
            throw new UsageException("--url needs a ws:// or wss:// URL, not " + url);
        }
        Duration caseTimeout = arguments.duration("case-timeout");
        if (caseTimeout.isZero()) {
            throw new UsageException("--case-timeout must be positive");
        }
        WebSocketClient.Builder builder = WebSocketClient.builder()
                .eventLoops(1)
                .settings(EchoServer.settings(EchoServer.DEFAULT_MAX_MESSAGE_SIZE));
        PerMessageDeflateSetup.offer(builder);
        try (WebSocketClient client = builder.build()) {
            FuzzingSession session = new FuzzingSession(client, url, arguments.value("agent"), caseTimeout);
            int count;
            try {
                count = session.caseCount();
            } catch (Exception e) {
                terminal.err().println("error: cannot get the case count from " + url + ": " + Main.describe(e));
                return Main.FAILURE;
            }
            terminal.out().println("running " + count + " cases against " + url + " as " + arguments.value("agent"));
            for (int number = 1; number <= count; number++) {
                long start = System.nanoTime();
                String outcome = session.runCase(number);
                terminal.out().printf("case %d/%d: %s (%d ms)%n", number, count, outcome,
                        (System.nanoTime() - start) / 1_000_000);
            }
            terminal.out().println("update reports: " + session.updateReports());
            return Main.SUCCESS;
        }
    }
}
