package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.RedisProcess;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real three-node Redis Cluster on loopback ({@code redis-server --cluster-enabled yes} and
 * {@code redis-cli --cluster create}): the bus finds out it is a cluster and uses sharded
 * pub/sub; a topic's channel is subscribed ({@code SSUBSCRIBE}) on the node that owns its slot
 * while a server has members, and messages cross servers.
 */
class ShardedPubSubTest {

    private final List<RedisProcess> redisNodes = new ArrayList<>();
    private Node a;
    private Node b;
    private WebSocketClient client;

    @BeforeEach
    void startCluster() throws Exception {
        for (int i = 0; i < 3; i++) {
            redisNodes.add(RedisProcess.start("--cluster-enabled", "yes",
                    "--cluster-config-file", Files.createTempDirectory("wsnio-cluster").resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", "5000"));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        for (RedisProcess node : redisNodes) {
            create.add("127.0.0.1:" + node.port());
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        redisNodes.get(0).cli(create.toArray(String[]::new));
        for (RedisProcess node : redisNodes) {
            Eventually.await("cluster_state:ok on " + node.port(),
                    () -> node.cli("CLUSTER", "INFO").stream().anyMatch(line -> line.strip().equals("cluster_state:ok")));
        }
        a = Node.start(redisNodes.get(0).url());
        b = Node.start(redisNodes.get(1).url());
        assertTrue(a.awaitConnected());
        assertTrue(b.awaitConnected());
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stopCluster() throws Exception {
        if (client != null) {
            client.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        for (RedisProcess node : redisNodes) {
            node.close();
        }
    }

    @Test
    void usesShardedPubSubOnTheNodeThatOwnsTheChannel() throws Exception {
        assertEquals(Optional.of(PubSubMode.SHARDED), a.bus.stats().mode());
        Member a1 = Member.connect(client, a, "a1");
        Member b1 = Member.connect(client, b, "b1");
        Member b2 = Member.connect(client, b, "b2");
        // One hash tag, one slot, one shard: messages of the two topics keep their order.
        a1.join("{room}news");
        b1.join("{room}news");
        b2.join("{room}other");
        String news = a.bus.channelOf("{room}news");
        awaitShardSubscribers(news, 2);
        assertEquals(0, plainChannels(), "no plain SUBSCRIBE on a cluster");

        a.server.publish("{room}news", "sharded hello").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        a.server.publish("{room}other", "end").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        a1.expect("sharded hello");
        b1.expect("sharded hello");
        assertEquals(List.of(), b2.receivedUntil("end"));

        b1.leave("{room}news");
        awaitShardSubscribers(news, 1);
        a1.leave("{room}news");
        awaitShardSubscribers(news, 0);
    }

    /** {@code PUBSUB SHARDNUMSUB} summed over the nodes (only the slot's owner has any). */
    private void awaitShardSubscribers(String channel, int count) {
        Eventually.await(count + " shard subscribers of " + channel, () -> redisNodes.stream()
                .mapToInt(node -> Integer.parseInt(node.cli("PUBSUB", "SHARDNUMSUB", channel).get(1).strip()))
                .sum() == count);
    }

    private int plainChannels() {
        return redisNodes.stream().mapToInt(node -> node.cli("PUBSUB", "CHANNELS", "wsnio:*").size()).sum();
    }
}
