package dev.wsnio.examples.demo.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.CapturedOutput;
import dev.wsnio.examples.JsonFields;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.demo.DashboardServer;
import dev.wsnio.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inspector route of the demo, with the JDK's client as the pages: a page sees its own
 * connection's frames as the server's codec read and wrote them, and no page sees another's.
 */
@Timeout(60)
class InspectorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern CREDENTIALS = Pattern.compile(
            "\\{\"type\":\"inspector\",\"connection\":(\\d+),\"token\":\"([A-Za-z0-9_-]+)\"}");

    private DashboardServer server;

    /** A dashboard page's connection and the credentials the server sent it. */
    private record Page(JdkClient socket, String uid, long connection, String token) {
    }

    @BeforeEach
    void start() {
        server = new DashboardServer("127.0.0.1", 0, Duration.ofMinutes(1),
                new TimestampedLog(new CapturedOutput().stream())).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    private Page open(String uid) throws Exception {
        JdkClient socket = JdkClient.connect(uri("/ws?uid=" + uid));
        Matcher credentials = CREDENTIALS.matcher(socket.nextContaining("\"type\":\"inspector\"", WAIT));
        assertTrue(credentials.matches());
        return new Page(socket, uid, Long.parseLong(credentials.group(1)), credentials.group(2));
    }

    private JdkClient inspect(String uid, long connection, String token) throws Exception {
        JdkClient inspector = JdkClient.connect(uri("/inspect?uid=" + uid + "&connection=" + connection + "&token=" + token));
        inspector.nextContaining("\"type\":\"inspecting\"", WAIT);
        return inspector;
    }

    private int refusal(String query) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> JdkClient.connect(uri("/inspect?" + query)));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** Every record up to and including the first that contains {@code last}. */
    private static List<String> recordsUntil(JdkClient inspector, String last) throws InterruptedException {
        List<String> records = new ArrayList<>();
        while (true) {
            String record = (String) inspector.next(WAIT);
            records.add(record);
            if (record.contains(last)) {
                return records;
            }
        }
    }

    @Test
    void aPageSeesItsOwnFramesBothWaysAsTheCodecReadAndWroteThem() throws Exception {
        Page alice = open("alice");
        try (JdkClient inspector = inspect(alice.uid(), alice.connection(), alice.token())) {
            alice.socket().sendText("你好服务器");

            // Until the reply: the dashboard's own pushes may be sent in between, so the first
            // record about a sent text message is not necessarily the reply.
            List<String> records = recordsUntil(inspector, "你好,客户端");
            String received = records.stream().filter(r -> r.contains("\"type\":\"frame\",") && r.contains("\"dir\":\"received\""))
                    .findFirst().orElseThrow();
            assertEquals("true", field(received, "masked"), received);
            assertTrue(JsonFields.string(received, "maskKey").orElseThrow().matches("[0-9A-F]{2}( [0-9A-F]{2}){3}"), received);
            assertEquals("E4 BD A0 E5 A5 BD E6 9C 8D E5 8A A1 E5 99 A8", JsonFields.string(received, "payload").orElseThrow(),
                    "the payload after unmasking is 你好服务器 in UTF-8");
            assertFalse(JsonFields.string(received, "payloadOnWire").orElseThrow().startsWith("E4 BD A0"),
                    "on the wire it is masked: " + received);
            assertEquals("7-bit", JsonFields.string(received, "lengthEncoding").orElseThrow());
            assertTrue(records.stream().anyMatch(r -> r.contains("\"type\":\"message\"") && r.contains("\"text\":\"你好服务器\"")),
                    records.toString());
            String reply = records.stream().filter(r -> r.contains("\"type\":\"frame\",") && r.contains("\"dir\":\"sent\""))
                    .findFirst().orElseThrow();
            assertEquals("false", field(reply, "masked"), reply);
            assertTrue(records.get(records.size() - 1).contains("你好,客户端"), records.toString());
        }
    }

    @Test
    void aPageCannotSubscribeToAnotherPagesConnection() throws Exception {
        Page alice = open("alice");
        Page bob = open("bob");

        assertEquals(403, refusal("uid=bob&connection=" + alice.connection() + "&token=" + bob.token()),
                "bob's own token does not open alice's connection");
        assertEquals(403, refusal("uid=bob&connection=" + alice.connection() + "&token=" + alice.token()),
                "alice's token with another uid");
        assertEquals(403, refusal("uid=alice&connection=" + alice.connection() + "&token=" + bob.token()),
                "the right uid with a wrong token");
        assertEquals(403, refusal("uid=alice&connection=999999&token=" + alice.token()), "an unknown connection");
        assertEquals(400, refusal("uid=alice&connection=" + alice.connection()), "no token");
    }

    @Test
    void anInspectorSeesNoFrameOfAnotherPage() throws Exception {
        Page alice = open("alice");
        Page bob = open("bob");
        try (JdkClient inspector = inspect(alice.uid(), alice.connection(), alice.token())) {
            bob.socket().sendText("bob's secret");
            bob.socket().nextContaining("bob's secret", WAIT); // the server has handled it
            alice.socket().sendText("alice after bob");

            List<String> records = recordsUntil(inspector, "收到 (received): alice after bob");
            assertFalse(records.stream().anyMatch(r -> r.contains("bob's secret")), records.toString());
        }
    }

    @Test
    void closingTheDashboardConnectionShowsBothCloseFramesThenEndsTheInspector() throws Exception {
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        WebSocket page = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri("/ws?uid=carol"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        texts.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Matcher credentials;
        do {
            String text = texts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(text != null, "no credentials");
            credentials = CREDENTIALS.matcher(text);
        } while (!credentials.matches());
        try (JdkClient inspector = inspect("carol", Long.parseLong(credentials.group(1)), credentials.group(2))) {
            page.sendClose(1000, "done").get(WAIT.toSeconds(), TimeUnit.SECONDS);

            List<String> records = recordsUntil(inspector, "\"type\":\"ended\"");
            List<String> closes = records.stream().filter(r -> r.contains("\"opcodeName\":\"close\"")).toList();
            assertEquals(2, closes.size(), records.toString());
            assertTrue(closes.get(0).contains("\"dir\":\"received\"") && closes.get(0).contains("\"closeCode\":1000")
                    && closes.get(0).contains("\"closeReason\":\"done\""), closes.get(0));
            assertTrue(closes.get(1).contains("\"dir\":\"sent\"") && closes.get(1).contains("\"closeCode\":1000"), closes.get(1));
            assertEquals(1000, inspector.awaitClose(WAIT));
        }
    }

    @Test
    void askedForItTheServerSendsAFragmentedMessageAndAPingWithAPayload() throws Exception {
        Page alice = open("alice");
        try (JdkClient inspector = inspect(alice.uid(), alice.connection(), alice.token())) {
            alice.socket().sendText("ask:fragmented");
            List<String> sent = recordsUntil(inspector, "分片消息").stream()
                    .filter(r -> r.contains("\"dir\":\"sent\"") && r.contains("\"type\":\"frame\"")).toList();
            // From the message's first frame (a dashboard push may come before it) to its record.
            int first = 0;
            for (int i = 0; i < sent.size(); i++) {
                if (sent.get(i).contains("\"opcodeName\":\"text\"") && sent.get(i).contains("\"fin\":false")) {
                    first = i;
                }
            }
            List<String> fragments = sent.subList(first, sent.size());
            assertEquals(3, fragments.size(), sent.toString());
            assertTrue(fragments.get(0).contains("\"fin\":false") && fragments.get(0).contains("\"opcodeName\":\"text\""));
            assertTrue(fragments.get(1).contains("\"fin\":false") && fragments.get(1).contains("\"opcodeName\":\"continuation\""));
            assertTrue(fragments.get(2).contains("\"fin\":true") && fragments.get(2).contains("\"opcodeName\":\"continuation\""));

            alice.socket().sendText("ask:ping");
            String ping = inspector.nextContaining("\"opcodeName\":\"ping\"", WAIT);
            String pong = inspector.nextContaining("\"opcodeName\":\"pong\"", WAIT);
            assertEquals("ping for alice", JsonFields.string(ping, "payloadText").orElseThrow());
            assertEquals(JsonFields.string(ping, "payload"), JsonFields.string(pong, "payload"), "the pong echoes the ping");
            assertTrue(pong.contains("\"dir\":\"received\"") && pong.contains("\"masked\":true"), pong);
        }
    }

    /** A boolean or number field's text. */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(json);
        assertTrue(value.find(), name + " in " + json);
        return value.group(1);
    }
}
