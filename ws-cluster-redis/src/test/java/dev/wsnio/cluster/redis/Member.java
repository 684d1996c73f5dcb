package dev.wsnio.cluster.redis;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.Eventually;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client connected to one node: it records every text it receives, in order. */
final class Member implements WebSocketListener {

    final String name;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private WebSocket socket;

    private Member(String name) {
        this.name = name;
    }

    static Member connect(WebSocketClient client, Node node, String name) throws Exception {
        Member member = new Member(name);
        member.socket = client.connect(node.uri(), member).get(30, TimeUnit.SECONDS);
        return member;
    }

    static Member connect(WebSocketClient client, URI uri, String name) throws Exception {
        Member member = new Member(name);
        member.socket = client.connect(uri, member).get(30, TimeUnit.SECONDS);
        return member;
    }

    @Override
    public void onText(WebSocket from, String text) {
        received.add(text);
    }

    void join(String topic) throws InterruptedException {
        socket.sendText("sub " + topic);
        expect("subscribed " + topic);
    }

    void leave(String topic) throws InterruptedException {
        socket.sendText("unsub " + topic);
        expect("unsubscribed " + topic);
    }

    void close() throws Exception {
        socket.close().get(30, TimeUnit.SECONDS);
    }

    /** The next text received must be this one. */
    void expect(String text) throws InterruptedException {
        String next = received.poll(Eventually.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!text.equals(next)) {
            throw new AssertionError(name + " expected '" + text + "' but got " + (next == null ? "nothing" : "'" + next + "'"));
        }
    }

    /** Everything received up to and including a marker message, which must come. */
    List<String> receivedUntil(String marker) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        while (true) {
            String next = received.poll(Eventually.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError(name + " never received '" + marker + "'; got " + texts);
            }
            if (next.equals(marker)) {
                return texts;
            }
            texts.add(next);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
