package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The outbox's bounds; its order is shown end to end in {@link ReconnectTest}. */
class OutboxTest {

    @Test
    void refusesTheMessageThatWouldPassEitherLimit() {
        Outbox outbox = new Outbox(3, 10);
        assertFalse(outbox.addText("1234").isDone());
        assertFalse(outbox.addBinary(ByteBuffer.wrap(new byte[6])).isDone());
        CompletableFuture<Void> overBytes = outbox.addText("x");
        assertInstanceOf(OutboxFullException.class, assertThrows(ExecutionException.class, overBytes::get).getCause());
        assertEquals(2, outbox.size());
        assertEquals(10, outbox.bytes());

        Outbox few = new Outbox(1, 100);
        few.addText("a");
        assertTrue(few.addText("b").isCompletedExceptionally());
    }

    @Test
    void countsTextInUtf8Bytes() {
        Outbox outbox = new Outbox(10, 5);
        assertFalse(outbox.addText("é€").isDone()); // 2 + 3 bytes
        assertTrue(outbox.addText("a").isCompletedExceptionally());
    }

    @Test
    void failsEveryWaitingMessageWhenDropped() {
        Outbox outbox = new Outbox(10, 100);
        CompletableFuture<Void> first = outbox.addText("a");
        CompletableFuture<Void> second = outbox.addBinary(ByteBuffer.allocate(3));
        outbox.failAll(new IllegalStateException("closed"));
        assertTrue(first.isCompletedExceptionally());
        assertTrue(second.isCompletedExceptionally());
        assertEquals(0, outbox.size());
        assertEquals(0, outbox.bytes());
    }

    @Test
    void measuresTextAsTheJdkEncodesIt() {
        Generated.forAll(300, gen -> {
            String text = gen.anyString(255);
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Outbox.utf8Length(text), text);
        });
    }
}
