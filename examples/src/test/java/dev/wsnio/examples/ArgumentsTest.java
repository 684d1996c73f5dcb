package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final List<Option> OPTIONS = List.of(
            Option.value("port", "PORT", "port", "3000"),
            Option.value("host", "HOST", "host", null),
            Option.value("interval", "DURATION", "interval", "250ms"),
            Option.repeatable("header", "HEADER", "header"),
            Option.flag("insecure", "insecure"));

    private static Arguments parse(String... args) throws UsageException {
        return Arguments.parse(OPTIONS, List.of(args));
    }

    @Test
    void absentOptionsHaveTheirDefaults() throws UsageException {
        Arguments arguments = parse();
        assertEquals(3000, arguments.port("port"));
        assertNull(arguments.value("host"));
        assertFalse(arguments.flag("insecure"));
        assertEquals(List.of(), arguments.values("header"));
    }

    @Test
    void acceptsSeparateAndAttachedValues() throws UsageException {
        Arguments arguments = parse("--port", "8080", "--host=::1");
        assertEquals(8080, arguments.port("port"));
        assertEquals("::1", arguments.value("host"));
    }

    @Test
    void lastValueWinsAndRepeatableOptionsKeepAllInOrder() throws UsageException {
        Arguments arguments = parse("--port", "1", "--header", "A: 1", "--port", "2", "--header=B: 2");
        assertEquals(2, arguments.port("port"));
        assertEquals(List.of("A: 1", "B: 2"), arguments.values("header"));
    }

    @Test
    void keepsPositionalsAndTreatsEverythingAfterDoubleDashAsPositional() throws UsageException {
        Arguments arguments = parse("ws://127.0.0.1:1/", "--insecure", "--", "--port", "-");
        assertTrue(arguments.flag("insecure"));
        assertEquals(List.of("ws://127.0.0.1:1/", "--port", "-"), arguments.positionals());
        assertEquals(3000, arguments.port("port"));
    }

    @Test
    void parsesDurationsWithUnits() throws UsageException {
        assertEquals(Duration.ofMillis(250), parse().duration("interval"));
        assertEquals(Duration.ofSeconds(15), parse("--interval", "15s").duration("interval"));
        assertEquals(Duration.ofSeconds(7), parse("--interval", "7").duration("interval"));
        assertEquals(Duration.ofMinutes(2), parse("--interval", "2m").duration("interval"));
    }

    @Test
    void refusesMalformedCommandLines() {
        assertEquals("unknown option --verbose", assertThrows(UsageException.class, () -> parse("--verbose")).getMessage());
        assertEquals("unknown option -v", assertThrows(UsageException.class, () -> parse("-v")).getMessage());
        assertEquals("--port needs a value (PORT)", assertThrows(UsageException.class, () -> parse("--port")).getMessage());
        assertEquals("--insecure takes no value",
                assertThrows(UsageException.class, () -> parse("--insecure=yes")).getMessage());
        assertEquals("--port needs a number, not 'http'",
                assertThrows(UsageException.class, () -> parse("--port", "http").port("port")).getMessage());
        assertEquals("--port must be between 0 and 65535, not 65536",
                assertThrows(UsageException.class, () -> parse("--port", "65536").port("port")).getMessage());
        assertThrows(UsageException.class, () -> parse("--interval", "soon").duration("interval"));
        assertThrows(UsageException.class, () -> parse("--interval", "-1s").duration("interval"));
        assertEquals("--host is required", assertThrows(UsageException.class, () -> parse().integer("host", 0, 1)).getMessage());
    }

    @Test
    void askingForAnUndeclaredOptionIsAProgrammingError() throws UsageException {
        Arguments arguments = parse();
        assertThrows(IllegalArgumentException.class, () -> arguments.value("nope"));
    }
}
