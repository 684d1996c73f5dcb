package dev.wsnio.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wsnio.examples.Main;
import dev.wsnio.testkit.ChildProcess;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.JdkClient;
import dev.wsnio.testkit.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code chat --cluster redis://...} as README's "Scaling out" runs it: two chat processes and a
 * real Redis; members of a room talk to each other whichever node they joined, and a room's
 * message does not reach another room's members on either node.
 */
@Timeout(90)
class ChatClusterProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern OPEN = Pattern.compile("Open http://127\\.0\\.0\\.1:(\\d+)/ in a browser.*");

    private RedisProcess redis;
    private ChildProcess first;
    private ChildProcess second;

    @BeforeEach
    void startFleet() throws Exception {
        redis = RedisProcess.start();
        first = ChildProcess.startJava(Main.class, "chat", "--port", "0", "--cluster", redis.url());
        second = ChildProcess.startJava(Main.class, "chat", "--port", "0", "--cluster", redis.url());
    }

    @AfterEach
    void stopFleet() throws Exception {
        for (AutoCloseable process : new AutoCloseable[] {first, second, redis}) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static URI chatOf(ChildProcess node, String name) throws InterruptedException {
        node.awaitLineStartingWith("rooms shared through Redis at ", WAIT);
        String port = node.awaitLine(OPEN, WAIT).group(1);
        return URI.create("ws://127.0.0.1:" + port + "/chat?name=" + name);
    }

    private static JdkClient join(URI chat, String name, String room) throws Exception {
        JdkClient client = JdkClient.connect(chat);
        client.nextContaining("\"welcome\"", WAIT);
        client.sendText("join " + room);
        client.nextContaining("\"joined\",\"room\":\"" + room + "\",\"user\":\"" + name + "\"", WAIT);
        return client;
    }

    @Test
    void membersOfARoomOnTwoNodesTalkThroughRedis() throws Exception {
        try (JdkClient alice = join(chatOf(first, "alice"), "alice", "java");
             JdkClient bob = join(chatOf(second, "bob"), "bob", "java");
             JdkClient carol = join(chatOf(second, "carol"), "carol", "rust")) {
            // A node subscribes to a room's channel when its first member joins: wait until
            // both nodes listen on "java" before anyone speaks (pub/sub is at most once).
            awaitSubscribers("wsnio:topic:room:java", 2);

            alice.sendText("say java hello from the first node");
            String expected = "{\"type\":\"message\",\"room\":\"java\",\"user\":\"alice\",\"text\":\"hello from the first node\"}";
            assertEquals(expected, bob.nextContaining("\"message\"", WAIT), "bob is on the second node");
            assertEquals(expected, alice.nextContaining("\"message\"", WAIT));

            bob.sendText("say java and back");
            assertEquals("{\"type\":\"message\",\"room\":\"java\",\"user\":\"bob\",\"text\":\"and back\"}",
                    alice.nextContaining("\"message\"", WAIT));

            // carol, in another room on bob's node, got neither: her own message comes first.
            carol.sendText("say rust hi");
            String carols = carol.nextContaining("\"message\"", WAIT);
            assertEquals("{\"type\":\"message\",\"room\":\"rust\",\"user\":\"carol\",\"text\":\"hi\"}", carols);
            assertFalse(carols.contains("java"));
        }
    }

    private void awaitSubscribers(String channel, int count) {
        Eventually.await(count + " subscribers of " + channel + " (PUBSUB NUMSUB)",
                () -> redis.cli("PUBSUB", "NUMSUB", channel).get(1).strip().equals(String.valueOf(count)));
    }
}
