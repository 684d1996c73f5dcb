package dev.wsnio.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.CapturedOutput;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.JdkClient;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat's rooms are topics: a message reaches the room's members, and only them. */
@Timeout(30)
class ChatServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CapturedOutput log = new CapturedOutput();
    private WebSocketServer server;

    @BeforeEach
    void start() {
        server = ChatServer.create("127.0.0.1", 0, new TimestampedLog(log.stream())).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JdkClient join(String name, String room) throws Exception {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/chat?name=" + name));
        assertEquals("{\"type\":\"welcome\",\"name\":\"" + name + "\"}", client.next(WAIT));
        client.sendText("join " + room);
        client.nextContaining("\"joined\",\"room\":\"" + room + "\",\"user\":\"" + name + "\"", WAIT);
        return client;
    }

    @Test
    void messageReachesEveryMemberOfTheRoomAndNoOneElse() throws Exception {
        try (JdkClient alice = join("alice", "java");
             JdkClient bob = join("bob", "java");
             JdkClient carol = join("carol", "rust")) {
            alice.nextContaining("\"user\":\"bob\",\"members\":2", WAIT);

            alice.sendText("say java hello \"room\"");
            String expected = "{\"type\":\"message\",\"room\":\"java\",\"user\":\"alice\",\"text\":\"hello \\\"room\\\"\"}";
            assertEquals(expected, alice.nextContaining("\"message\"", WAIT));
            assertEquals(expected, bob.nextContaining("\"message\"", WAIT));

            // carol's own message comes first: alice's never reached her room
            carol.sendText("say rust hi");
            assertEquals("{\"type\":\"message\",\"room\":\"rust\",\"user\":\"carol\",\"text\":\"hi\"}",
                    carol.nextContaining("\"message\"", WAIT));
        }
    }

    @Test
    void leavingTellsTheOthersAndStopsDelivery() throws Exception {
        try (JdkClient alice = join("alice", "lobby"); JdkClient bob = join("bob", "lobby")) {
            bob.sendText("leave lobby");
            assertEquals("{\"type\":\"left\",\"room\":\"lobby\",\"user\":\"bob\",\"members\":1}",
                    alice.nextContaining("\"left\"", WAIT));

            bob.sendText("say lobby still here?");
            assertTrue(bob.nextContaining("\"error\"", WAIT).contains("join lobby before saying something there"));
        }
    }

    @Test
    void closingLeavesEveryRoom() throws Exception {
        try (JdkClient alice = join("alice", "lobby")) {
            JdkClient bob = join("bob", "lobby");
            bob.close();
            assertEquals("{\"type\":\"left\",\"room\":\"lobby\",\"user\":\"bob\",\"members\":1}",
                    alice.nextContaining("\"left\"", WAIT));
        }
    }

    @Test
    void unknownCommandsAndBadRoomNamesAreAnsweredWithErrors() throws Exception {
        try (JdkClient alice = join("alice", "lobby")) {
            alice.sendText("shout lobby hi");
            assertTrue(alice.nextContaining("\"error\"", WAIT).contains("unknown command 'shout'"));
            alice.sendText("join Not A Room");
            assertTrue(alice.nextContaining("\"error\"", WAIT).contains("a room name is"));
        }
    }

    @Test
    void aNameIsRequiredToConnect() {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/chat")));
        assertEquals(400, ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode());
    }
}
