package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The loop's two TLS scratch buffers: made once, kept while large enough for what an engine
 * asks, replaced (never shrunk) when one asks for more, and lent cleared.
 */
class TlsBuffersTest {

    private final TlsBuffers buffers = new TlsBuffers();

    @Test
    void thePlaintextBufferIsKeptWhileLargeEnoughAndReplacedWhenAnEngineAsksForMore() {
        ByteBuffer first = buffers.plaintext(1000);
        assertFalse(first.isDirect(), "handlers decode text straight from its array");
        first.put(new byte[10]);
        ByteBuffer again = buffers.plaintext(500);
        assertSame(first, again, "large enough: kept");
        assertEquals(0, again.position(), "lent cleared");
        ByteBuffer larger = buffers.plaintext(2000);
        assertTrue(larger.capacity() >= 2000);
        assertSame(larger, buffers.plaintext(1000), "never shrunk");
    }

    @Test
    void aPlaintextBufferTheEngineFoundTooSmallAtLeastDoubles() {
        buffers.plaintext(1000);
        buffers.growPlaintext(1001);
        assertEquals(2000, buffers.plaintext(0).capacity());
        buffers.growPlaintext(10_000);
        assertEquals(10_000, buffers.plaintext(0).capacity());
    }

    @Test
    void theCiphertextBufferIsDirectHoldsSeveralRecordsAndGrowsWithTheRecordSize() {
        ByteBuffer first = buffers.ciphertext(100);
        assertTrue(first.isDirect(), "the socket writes it without a copy");
        assertTrue(first.capacity() >= 2 * 100, "several records per write");
        first.put((byte) 1);
        assertSame(first, buffers.ciphertext(100));
        assertEquals(0, first.position());
        ByteBuffer larger = buffers.ciphertext(first.capacity() + 1);
        assertTrue(larger.capacity() > first.capacity());
    }
}
