package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.server.BroadcastResult;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.RedisProcess;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis killed (SIGKILL) under two servers, then started again on its port: each server goes on
 * serving its own members, cross-server publishes fail visibly, the outage is logged once per
 * server, and delivery across servers resumes by itself.
 */
class RedisOutageTest {

    private static final Logger LINK_LOG = Logger.getLogger(RedisLink.class.getName());

    private final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private RedisProcess redis;
    private Node a;
    private Node b;
    private WebSocketClient client;

    @BeforeEach
    void startFleet() throws Exception {
        previousLevel = LINK_LOG.getLevel();
        LINK_LOG.setLevel(Level.ALL);
        LINK_LOG.addHandler(capture);
        redis = RedisProcess.start();
        a = Node.start(redis.url());
        b = Node.start(redis.url());
        assertTrue(a.awaitConnected());
        assertTrue(b.awaitConnected());
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stopFleet() throws Exception {
        LINK_LOG.removeHandler(capture);
        LINK_LOG.setLevel(previousLevel);
        client.close();
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void localServiceGoesOnAndCrossServerDeliveryResumesByItself() throws Exception {
        Member a1 = Member.connect(client, a, "a1");
        Member b1 = Member.connect(client, b, "b1");
        a1.join("t");
        b1.join("t");
        String channel = a.bus.channelOf("t");
        awaitSubscribers(channel, 2);

        redis.kill();
        Eventually.await("both links down", () -> a.bus.state() == LinkState.DISCONNECTED
                && b.bus.state() == LinkState.DISCONNECTED);

        BroadcastResult during = a.server.publish("t", "during the outage");
        assertEquals(1, during.queued()); // a's own member still gets it
        a1.expect("during the outage");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> during.relayed().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(RedisUnavailableException.class, failure.getCause());
        assertEquals(1, a.server.stats().relaysFailed());
        assertEquals(1, a.bus.stats().relayFailures());

        // Several attempts fail while Redis is away, and each server says so once.
        Eventually.await("six failed reconnection attempts", () -> count(java.util.logging.Level.FINE,
                "Redis reconnection attempt") >= 6);
        assertEquals(2, count(Level.WARNING, "unreachable"), "one warning per server");

        redis.startAgain();
        assertTrue(a.awaitConnected());
        assertTrue(b.awaitConnected());
        awaitSubscribers(channel, 2); // subscribed again without being asked

        a.server.publish("t", "after the outage").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        a1.expect("after the outage");
        b1.expect("after the outage"); // and not "during the outage": pub/sub is at most once
        assertEquals(2, count(Level.INFO, "reachable again"));
        assertEquals(1, a.bus.stats().outages());
    }

    private long count(Level level, String text) {
        return records.stream()
                .filter(record -> record.getLevel().equals(level) && record.getMessage().contains(text))
                .count();
    }

    private void awaitSubscribers(String channel, int count) {
        Eventually.await(count + " subscribers of " + channel, () -> {
            List<String> reply = redis.cli("PUBSUB", "NUMSUB", channel);
            return reply.size() == 2 && Integer.parseInt(reply.get(1).strip()) == count;
        });
    }
}
