package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@code redis://} URL carries besides the address, against a real Redis that requires
 * a password: the password authenticates every connection of the bus, the database is the one
 * they select, and a wrong password is an outage that fails relays visibly.
 */
class RedisUrlTest {

    private static final String PASSWORD = "password-for-tests";
    private static final int DATABASE = 3;

    private RedisProcess redis;
    private final List<Node> nodes = new ArrayList<>();
    private WebSocketClient client;

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        redis.cli("CONFIG", "SET", "requirepass", PASSWORD);
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        nodes.forEach(Node::close);
        redis.close();
    }

    /** {@code redis://:password@host:port/database}, as in {@link RedisTopicBus}'s Javadoc. */
    private String url(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port() + "/" + DATABASE;
    }

    private Node node(String url) {
        Node node = Node.start(url);
        nodes.add(node);
        return node;
    }

    private List<String> authenticatedCli(String... command) {
        List<String> arguments = new ArrayList<>(List.of("-a", PASSWORD, "--no-auth-warning"));
        arguments.addAll(List.of(command));
        return redis.cli(arguments.toArray(String[]::new));
    }

    @Test
    void thePasswordAndDatabaseOfTheUrlAreUsedByEveryConnection() throws Exception {
        Node a = node(url(PASSWORD));
        Node b = node(url(PASSWORD));
        assertTrue(a.awaitConnected(), a.bus.toString());
        assertTrue(b.awaitConnected(), b.bus.toString());
        Member onB = Member.connect(client, b, "on-b");
        onB.join("news");
        String channel = a.bus.channelOf("news");
        Eventually.await("b subscribed to " + channel,
                () -> authenticatedCli("PUBSUB", "NUMSUB", channel).get(1).strip().equals("1"));

        a.server.publish("news", "over an authenticated link").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        onB.expect("over an authenticated link");

        List<String> busConnections = authenticatedCli("CLIENT", "LIST").stream()
                .filter(line -> !line.contains("cmd=client|list")) // redis-cli's own
                .toList();
        assertFalse(busConnections.isEmpty());
        for (String connection : busConnections) {
            assertTrue(connection.contains(" db=" + DATABASE + " "), connection);
        }
    }

    @Test
    void aWrongPasswordIsAnOutageThatFailsRelaysVisiblyWhileLocalDeliveryGoesOn() throws Exception {
        Node a = node(url("not-the-password"));
        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), "connected with a wrong password");
        Member local = Member.connect(client, a, "local");
        local.join("news");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> a.server.publish("news", "local only").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS));

        assertInstanceOf(RedisUnavailableException.class, failure.getCause());
        local.expect("local only");
        assertEquals(1, a.server.stats().relaysFailed());
    }
}
