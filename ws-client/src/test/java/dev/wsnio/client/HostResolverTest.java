package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Literals are answered at once; names are looked up on the resolver's own threads. */
class HostResolverTest {

    private final HostResolver resolver = new HostResolver(1);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "[::1]", "[fe80::1]"})
    void recognisesIpLiterals(String host) {
        assertTrue(HostResolver.isIpLiteral(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "server.test", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "01.2.3.x",
        "1234.1.1.1", "1.2.3.-4", "::1", "[::1"})
    void treatsEverythingElseAsANameToLookUp(String host) {
        assertFalse(HostResolver.isIpLiteral(host));
    }

    @Test
    void answersLiteralsAtOnceOnTheCallersThread() throws Exception {
        CompletableFuture<List<InetAddress>> answer = resolver.resolve("[::1]");
        assertTrue(answer.isDone());
        assertEquals(List.of(InetAddress.getByName("::1")), answer.get());
    }

    @Test
    void looksNamesUp() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), resolver.resolve("server.test").get(5, TimeUnit.SECONDS));
    }

    @Test
    void reportsUnknownNames() {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> resolver.resolve("unknown.test").get(5, TimeUnit.SECONDS));
        assertInstanceOf(UnknownHostException.class, failure.getCause());
    }

    @Test
    void looksNamesUpOnlyOnItsPoolAndLiteralsNever() throws Exception {
        resolver.shutdown(); // without its threads, names cannot be looked up, literals still can
        assertTrue(resolver.resolve("server.test").isCompletedExceptionally());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), resolver.resolve("127.0.0.1").get());
    }
}
