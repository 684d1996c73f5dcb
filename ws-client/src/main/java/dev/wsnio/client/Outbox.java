package dev.wsnio.client;

import dev.wsnio.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Messages sent while a {@link ReconnectingWebSocket} is disconnected, kept in order until the
 * next connection opens. Bounded in messages and in bytes: a message that does not fit fails at
 * once with {@link OutboxFullException}. Not thread-safe: its owner holds a lock.
 */
final class Outbox {

    /** One waiting message: text or binary, and the future its sender holds. */
    private record Message(String text, ByteBuffer binary, long size, CompletableFuture<Void> sent) {
    }

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private long bytes;

    /**
     * @param maxMessages the most messages kept
     * @param maxBytes the most payload bytes kept
     */
    Outbox(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Keeps a text message; the future completes once it is written after a reconnect. */
    CompletableFuture<Void> addText(String text) {
        return add(new Message(text, null, utf8Length(text), new CompletableFuture<>()));
    }

    /** Keeps a binary message (not copied: the caller leaves it unchanged until the future completes). */
    CompletableFuture<Void> addBinary(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        return add(new Message(null, view, view.remaining(), new CompletableFuture<>()));
    }

    private CompletableFuture<Void> add(Message message) {
        if (messages.size() >= maxMessages || bytes + message.size() > maxBytes) {
            return CompletableFuture.failedFuture(
                    new OutboxFullException(messages.size(), bytes, message.size(), maxMessages, maxBytes));
        }
        messages.addLast(message);
        bytes += message.size();
        return message.sent();
    }

    /** Hands every waiting message to a newly open connection, oldest first. */
    void flushTo(WebSocket socket) {
        Message message;
        while ((message = messages.pollFirst()) != null) {
            bytes -= message.size();
            CompletableFuture<Void> sent = message.sent();
            CompletableFuture<Void> written = message.text() != null
                    ? socket.sendText(message.text())
                    : socket.sendBinary(message.binary());
            written.whenComplete((ignored, error) -> {
                if (error == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(error);
                }
            });
        }
    }

    /** Fails every waiting message: nothing will send them any more. */
    void failAll(Throwable cause) {
        Message message;
        while ((message = messages.pollFirst()) != null) {
            message.sent().completeExceptionally(cause);
        }
        bytes = 0;
    }

    /** The number of waiting messages. */
    int size() {
        return messages.size();
    }

    /** The payload bytes of the waiting messages. */
    long bytes() {
        return bytes;
    }

    /** The UTF-8 size of a text without encoding it (an unpaired surrogate becomes '?': 1 byte). */
    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
