package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.RedisProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three servers and one real Redis: a topic's messages reach exactly its members, on every
 * server, once; a server subscribes to a topic's channel only while it has members there.
 */
class CrossServerTopicsTest {

    private RedisProcess redis;
    private Node a;
    private Node b;
    private Node c;
    private WebSocketClient client;

    @BeforeEach
    void startFleet() throws Exception {
        redis = RedisProcess.start();
        a = Node.start(redis.url());
        b = Node.start(redis.url());
        c = Node.start(redis.url());
        for (Node node : List.of(a, b, c)) {
            assertTrue(node.awaitConnected(), node.bus.toString());
        }
        awaitSubscribers(a.bus.broadcastChannel(), 3);
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stopFleet() throws Exception {
        if (client != null) {
            client.close();
        }
        for (Node node : new Node[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        redis.close();
    }

    @Test
    void publishReachesExactlyTheTopicsMembersOnEveryServerOnce() throws Exception {
        Member a1 = Member.connect(client, a, "a1");
        Member a2 = Member.connect(client, a, "a2");
        Member b1 = Member.connect(client, b, "b1");
        Member b2 = Member.connect(client, b, "b2");
        Member c1 = Member.connect(client, c, "c1");
        a1.join("news");
        b1.join("news");
        b2.join("news");
        c1.join("sports");
        awaitSubscribers(a.bus.channelOf("news"), 2); // a and b; c has no member of news
        awaitSubscribers(a.bus.channelOf("sports"), 1);

        Map<String, Node> publishers = Map.of("a", a, "b", b, "c", c);
        for (String from : List.of("a", "b", "c")) {
            Node publisher = publishers.get(from);
            publisher.server.publish("news", "news from " + from).relayed().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            // A broadcast from the same server follows the same path (its Redis connection, then
            // each server's subscription): whatever a member gets of the topic comes before it.
            publisher.server.broadcast("end of " + from);
            for (Member member : List.of(a1, b1, b2)) {
                assertEquals(List.of("news from " + from), member.receivedUntil("end of " + from), member.name);
            }
            for (Member outsider : List.of(a2, c1)) {
                assertEquals(List.of(), outsider.receivedUntil("end of " + from), outsider.name);
            }
        }
        assertEquals(0, a.server.stats().relaysFailed());
        assertEquals(2, b.server.stats().topicMembers().get("news"));
    }

    @Test
    void serverUnsubscribesFromTheChannelWhenItsLastMemberLeaves() throws Exception {
        Member a1 = Member.connect(client, a, "a1");
        Member b1 = Member.connect(client, b, "b1");
        Member b2 = Member.connect(client, b, "b2");
        a1.join("news");
        b1.join("news");
        b2.join("news");
        String channel = a.bus.channelOf("news");
        awaitSubscribers(channel, 2);

        b1.leave("news"); // b2 is still a member on b: b stays subscribed
        a.server.publish("news", "still here").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        b2.expect("still here");
        a1.expect("still here");
        assertEquals(2, subscribers(channel));

        b2.close(); // b's last member leaves by closing
        awaitSubscribers(channel, 1);
        assertTrue(redis.cli("PUBSUB", "CHANNELS", "wsnio:topic:*").contains(channel));

        a1.leave("news"); // no member anywhere: nobody listens on the channel
        awaitSubscribers(channel, 0);
        Eventually.await("the channel gone from PUBSUB CHANNELS",
                () -> !redis.cli("PUBSUB", "CHANNELS", "wsnio:topic:*").contains(channel));
        assertEquals(1, b.bus.stats().subscribedChannels()); // the broadcast channel only
    }

    private void awaitSubscribers(String channel, int count) {
        Eventually.await(count + " subscribers of " + channel + " (PUBSUB NUMSUB)", () -> subscribers(channel) == count);
    }

    /** {@code PUBSUB NUMSUB channel}: the number of servers subscribed (one connection each). */
    private int subscribers(String channel) {
        List<String> reply = redis.cli("PUBSUB", "NUMSUB", channel);
        return Integer.parseInt(reply.get(1).strip());
    }
}
