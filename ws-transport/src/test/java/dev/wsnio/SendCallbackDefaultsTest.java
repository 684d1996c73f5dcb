package dev.wsnio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The callback sends {@link WebSocket} gives every implementation by default: the callback is
 * told what the future-returning send's future tells, once.
 */
class SendCallbackDefaultsTest {

    /** A WebSocket whose text and binary sends return a future the test completes. */
    private static final class FutureSocket implements WebSocket {
        final CompletableFuture<Void> next = new CompletableFuture<>();
        final List<Object> sent = new ArrayList<>();

        @Override
        public CompletableFuture<Void> sendText(CharSequence text) {
            sent.add(text.toString());
            return next;
        }

        @Override
        public CompletableFuture<Void> sendBinary(ByteBuffer data) {
            sent.add(data);
            return next;
        }

        @Override
        public CompletableFuture<Void> sendFragment(MessageType type, ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> ping(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> pong(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void abort() {
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public UpgradeRequest request() {
            return null;
        }

        @Override
        public String subprotocol() {
            return "";
        }

        @Override
        public String extensions() {
            return "";
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return null;
        }

        @Override
        public InetSocketAddress localAddress() {
            return null;
        }

        @Override
        public void attach(Object attachment) {
        }

        @Override
        public <T> T attachment() {
            return null;
        }

        @Override
        public void tap(FrameTap tap) {
        }
    }

    @Test
    void aTextSendsCallbackIsToldNullOnceItsFutureCompletes() {
        FutureSocket socket = new FutureSocket();
        List<Throwable> told = new ArrayList<>();
        socket.sendText("hello", told::add);
        assertEquals(List.of("hello"), socket.sent);
        assertEquals(List.of(), told, "not told before the send ended");
        socket.next.complete(null);
        assertEquals(1, told.size());
        assertSame(null, told.get(0));
    }

    @Test
    void aBinarySendsCallbackIsToldTheFailureOfItsFuture() {
        FutureSocket socket = new FutureSocket();
        List<Throwable> told = new ArrayList<>();
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});
        socket.sendBinary(data, told::add);
        assertSame(data, socket.sent.get(0));
        ClosedChannelException failure = new ClosedChannelException();
        socket.next.completeExceptionally(failure);
        assertEquals(List.of(failure), told);
    }
}
