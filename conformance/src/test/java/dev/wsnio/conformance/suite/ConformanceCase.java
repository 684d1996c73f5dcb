package dev.wsnio.conformance.suite;

import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ClientTestee;
import dev.wsnio.conformance.testee.Flavour;
import dev.wsnio.conformance.testee.ServerTestee;
import dev.wsnio.conformance.testee.Testee;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One case of the suite: a group, an id unique in its group, a one-line description of what
 * RFC 6455 demands, and a script per side it runs on.
 *
 * @param group the case's group
 * @param id its id, unique in the group, without spaces
 * @param title what it checks
 * @param flavour which testee configuration it needs
 * @param scripts its script for each side it applies to
 */
public record ConformanceCase(Group group, String id, String title, Flavour flavour,
                              Map<Side, Script> scripts) {

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException when the id has spaces
     */
    public ConformanceCase {
        Objects.requireNonNull(group);
        if (id.isEmpty() || id.contains(" ")) {
            throw new IllegalArgumentException("case ids have no spaces: " + id);
        }
        scripts = Map.copyOf(scripts);
    }

    /**
     * A case that runs the same script against our server and our client, on one connection
     * whose application behaves as asked.
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param behaviour what the testee's application does
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onBoth(Group group, String id, String title, Behaviour behaviour,
                                         WireScript script) {
        return onBoth(group, id, title, Flavour.PLAIN, behaviour, script);
    }

    /**
     * A case of an echo connection on both sides.
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onBoth(Group group, String id, String title, WireScript script) {
        return onBoth(group, id, title, Behaviour.ECHO, script);
    }

    /**
     * A case on both sides with a testee flavour.
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param flavour the testee configuration
     * @param behaviour what the testee's application does
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onBoth(Group group, String id, String title, Flavour flavour,
                                         Behaviour behaviour, WireScript script) {
        Script onConnection = testee -> {
            try (Wire wire = testee.open(behaviour)) {
                script.run(wire);
            }
        };
        Map<Side, Script> scripts = new EnumMap<>(Side.class);
        scripts.put(Side.SERVER, onConnection);
        scripts.put(Side.CLIENT, onConnection);
        return new ConformanceCase(group, id, title, flavour, scripts);
    }

    /**
     * A case on both sides whose script opens its own connections (e.g. one per variant, when
     * each variant fails the connection).
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onBothTestees(Group group, String id, String title, Script script) {
        Map<Side, Script> scripts = new EnumMap<>(Side.class);
        scripts.put(Side.SERVER, script);
        scripts.put(Side.CLIENT, script);
        return new ConformanceCase(group, id, title, Flavour.PLAIN, scripts);
    }

    /** A script against our server only. */
    @FunctionalInterface
    public interface ServerScript {
        /**
         * Runs the case.
         *
         * @param server the server testee
         * @throws Exception when the case fails
         */
        void run(ServerTestee server) throws Exception;
    }

    /**
     * A case for our server only (e.g. how it answers a malformed request).
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onServer(Group group, String id, String title, ServerScript script) {
        return onServer(group, id, title, Flavour.PLAIN, script);
    }

    /**
     * A case for our server only, configured as a flavour.
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param flavour the testee configuration
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onServer(Group group, String id, String title, Flavour flavour,
                                           ServerScript script) {
        return new ConformanceCase(group, id, title, flavour,
                Map.of(Side.SERVER, testee -> script.run((ServerTestee) testee)));
    }

    /** A script against our client only. */
    @FunctionalInterface
    public interface ClientScript {
        /**
         * Runs the case.
         *
         * @param client the client testee
         * @throws Exception when the case fails
         */
        void run(ClientTestee client) throws Exception;
    }

    /**
     * A case for our client only (e.g. how it treats a malformed handshake response).
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onClient(Group group, String id, String title, ClientScript script) {
        return onClient(group, id, title, Flavour.PLAIN, script);
    }

    /**
     * A case for our client only, configured as a flavour.
     *
     * @param group the group
     * @param id the id
     * @param title what it checks
     * @param flavour the testee configuration
     * @param script the script
     * @return the case
     */
    public static ConformanceCase onClient(Group group, String id, String title, Flavour flavour,
                                           ClientScript script) {
        return new ConformanceCase(group, id, title, flavour,
                Map.of(Side.CLIENT, testee -> script.run((ClientTestee) testee)));
    }

    /** Whether the case runs on a side. */
    public boolean appliesTo(Side side) {
        return scripts.containsKey(side);
    }

    /** The key of the case's result on a side, as in the expected-results file. */
    public String key(Side side) {
        return group.label() + " " + id + " " + side.label();
    }

    /** The case's script for this testee. */
    Script script(Testee testee) {
        return scripts.get(testee.side());
    }
}
