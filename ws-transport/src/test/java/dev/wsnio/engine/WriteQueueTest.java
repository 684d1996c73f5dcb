package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.Masking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The write queue: coalescing, zero-copy large payloads, partial writes, completions. */
class WriteQueueTest {

    /**
     * A channel that takes at most {@code budget} bytes per write call and {@code room} bytes in
     * all (a socket buffer's free space), and records them.
     */
    static final class ThrottledChannel implements GatheringByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int budget;
        int room = Integer.MAX_VALUE;
        int gatheringCalls;

        ThrottledChannel(int budget) {
            this.budget = budget;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            gatheringCalls++;
            int left = Math.min(budget, room);
            long total = 0;
            for (int i = offset; i < offset + length && left > 0; i++) {
                int count = Math.min(left, sources[i].remaining());
                byte[] bytes = new byte[count];
                sources[i].get(bytes);
                written.writeBytes(bytes);
                left -= count;
                total += count;
            }
            if (room != Integer.MAX_VALUE) {
                room -= (int) total;
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            return (int) write(new ByteBuffer[] {source}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final BufferPool pool = new BufferPool(1024, 4);
    private final WriteQueue queue = new WriteQueue(pool);
    private final List<String> completions = new ArrayList<>();

    private WriteCompletion record(String name) {
        return new WriteCompletion() {
            @Override
            public void written() {
                completions.add(name + " written");
            }

            @Override
            public void failed(Throwable cause) {
                completions.add(name + " failed");
            }
        };
    }

    private static ByteBuffer bytes(int count, int seed) {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (seed + i));
        }
        return buffer.flip();
    }

    @Test
    void smallFramesLeaveInOneGatheringWrite() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            queue.addFrame(bytes(2, 0x80), bytes(50, i), false, 0, record("m" + i));
        }
        assertEquals(520, queue.size());
        assertTrue(queue.writeTo(channel));
        assertEquals(1, channel.gatheringCalls, "coalesced into pooled buffers, one system call");
        assertEquals(520, channel.written.size());
        assertEquals(10, completions.size());
        assertEquals("m0 written", completions.get(0));
        assertEquals(0, queue.size());
    }

    @Test
    void largePayloadIsQueuedAsAViewAndTheApplicationBufferIsNotMoved() throws IOException {
        ByteBuffer payload = bytes(10_000, 3);
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        queue.addFrame(bytes(4, 0x82), payload, false, 0, record("big"));
        assertEquals(0, payload.position(), "the application's buffer is untouched");
        assertTrue(queue.writeTo(channel));
        byte[] out = channel.written.toByteArray();
        assertEquals(10_004, out.length);
        assertEquals(3, out[4]);
        assertEquals(List.of("big written"), completions);
    }

    @Test
    void partialWritesKeepTheRestAndCompleteOnlyWhatIsFullyWritten() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(100);
        queue.addFrame(bytes(2, 0x81), bytes(60, 0), false, 0, record("a"));
        queue.addFrame(bytes(2, 0x81), bytes(60, 1), false, 0, record("b"));
        channel.budget = 100;
        assertFalse(writeOnce(channel));
        assertEquals(List.of("a written"), completions, "the second frame is only partly out");
        assertEquals(24, queue.size());
        channel.budget = Integer.MAX_VALUE;
        assertTrue(queue.writeTo(channel));
        assertEquals(List.of("a written", "b written"), completions);
        assertEquals(124, channel.written.size());
    }

    /** One write call's worth: the channel returns 0 once its budget is spent. */
    private boolean writeOnce(ThrottledChannel channel) throws IOException {
        GatheringByteChannel once = new GatheringByteChannel() {
            private boolean used;

            @Override
            public long write(ByteBuffer[] sources, int offset, int length) {
                if (used) {
                    return 0;
                }
                used = true;
                return channel.write(sources, offset, length);
            }

            @Override
            public long write(ByteBuffer[] sources) {
                return write(sources, 0, sources.length);
            }

            @Override
            public int write(ByteBuffer source) {
                return (int) write(new ByteBuffer[] {source}, 0, 1);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return queue.writeTo(once);
    }

    @Test
    void clientPayloadsAreMaskedOnTheWayOutBothSmallAndLarge() throws IOException {
        int key = 0x11223344;
        for (int size : new int[] {100, 10_000}) {
            WriteQueue masking = new WriteQueue(pool);
            ByteBuffer payload = bytes(size, 7);
            ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
            masking.addFrame(ByteBuffer.allocate(0), payload, true, key, null);
            assertTrue(masking.writeTo(channel));
            ByteBuffer sent = ByteBuffer.wrap(channel.written.toByteArray());
            Masking.maskInPlace(sent, 0, size, key, 0);
            assertArrayEquals(bytes(size, 7).array(), sent.array());
            assertEquals(0, payload.position());
        }
    }

    @Test
    void failingTheQueueFailsEveryPendingCompletion() {
        queue.addFrame(bytes(2, 0x81), bytes(10, 0), false, 0, record("a"));
        queue.addBytes(bytes(5_000, 0), record("b"));
        queue.fail(ClosedChannelException::new);
        assertEquals(List.of("a failed", "b failed"), completions);
        assertEquals(0, queue.size());
    }

    @Test
    void pooledBuffersGoBackAsSoonAsTheyAreWritten() throws IOException {
        queue.addFrame(bytes(2, 0x81), bytes(100, 0), false, 0, null);
        assertEquals(1, pool.lent(), "borrowed while frames gather");
        assertTrue(queue.writeTo(new ThrottledChannel(Integer.MAX_VALUE)));
        assertEquals(0, pool.lent(), "given back once written");
    }

    @Test
    void whatTheSocketDoesNotTakeMovesToTheHeapAndThePooledBufferGoesBack() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(30);
        for (int i = 0; i < 5; i++) {
            queue.addFrame(bytes(2, 0x81), bytes(100, i), false, 0, record("m" + i));
        }
        assertFalse(writeOnce(channel));
        assertEquals(0, pool.lent(), "a connection waiting for its peer holds no pooled buffer");
        assertEquals(510 - 30, queue.size());
        channel.budget = Integer.MAX_VALUE;
        assertTrue(queue.writeTo(channel));
        byte[] expected = new byte[510];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(bytes(2, 0x81).array(), 0, expected, i * 102, 2);
            System.arraycopy(bytes(100, i).array(), 0, expected, i * 102 + 2, 100);
        }
        assertArrayEquals(expected, channel.written.toByteArray(), "the bytes moved intact and in order");
        assertEquals(List.of("m0 written", "m1 written", "m2 written", "m3 written", "m4 written"), completions);
    }

    @Test
    void whenThePoolIsAllLentFramesGatherOnTheHeapAndThePoolMakesNoMore() throws IOException {
        BufferPool small = new BufferPool(1024, 2);
        List<WriteQueue> queues = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WriteQueue each = new WriteQueue(small);
            each.addFrame(bytes(2, 0x81), bytes(50, i), false, 0, null);
            queues.add(each);
        }
        assertEquals(2, small.lent(), "no more direct buffers than the pool's capacity");
        assertTrue(small.exhausted());
        for (int i = 0; i < 5; i++) {
            ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
            assertTrue(queues.get(i).writeTo(channel));
            assertEquals(52, channel.written.size());
            assertEquals(i, channel.written.toByteArray()[2]);
        }
        assertEquals(0, small.lent());
    }

    @Test
    void sharedBytesAreQueuedAsAViewWithoutBorrowingABuffer() throws IOException {
        ByteBuffer frame = bytes(300, 9).asReadOnlyBuffer();
        queue.addShared(frame, record("broadcast"));
        assertEquals(0, pool.lent(), "not copied into a pooled buffer");
        assertEquals(0, frame.position(), "the shared buffer itself is not moved");
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        assertTrue(queue.writeTo(channel));
        assertArrayEquals(bytes(300, 9).array(), channel.written.toByteArray());
        assertEquals(List.of("broadcast written"), completions);
    }

    @Test
    void lentPayloadsAreCopiedWhateverTheirSize() throws IOException {
        // a compressor's output buffer is reused for the next message as soon as the call returns
        ByteBuffer header = ByteBuffer.wrap(new byte[] {(byte) 0xC2, 126, 0x27, 0x10});
        ByteBuffer lent = bytes(10_000, 3);
        byte[] expected = new byte[4 + 10_000];
        header.duplicate().get(expected, 0, 4);
        lent.duplicate().get(expected, 4, 10_000);
        queue.addFrameWithLentPayload(header, lent, false, 0, record("large"));
        ByteBuffer small = bytes(100, 7);
        byte[] smallCopy = new byte[100];
        small.duplicate().get(smallCopy);
        queue.addFrameWithLentPayload(ByteBuffer.wrap(new byte[] {(byte) 0xC2, 100}), small, false, 0, record("small"));
        for (int i = 0; i < 10_000; i++) {
            lent.put(i, (byte) 0); // the lender reuses its buffer
        }
        for (int i = 0; i < 100; i++) {
            small.put(i, (byte) 0);
        }
        ThrottledChannel channel = new ThrottledChannel(1 << 20);
        assertTrue(queue.writeTo(channel));
        byte[] written = channel.written.toByteArray();
        assertArrayEquals(expected, java.util.Arrays.copyOf(written, expected.length));
        assertArrayEquals(smallCopy, java.util.Arrays.copyOfRange(written, expected.length + 2, written.length));
        assertEquals(List.of("large written", "small written"), completions);
    }
    @Test
    void largeLentPayloadLeavesAtOnceBehindWhatWasQueuedAndIsNeverCopiedWhenTheSocketTakesIt()
            throws IOException {
        queue.addFrame(bytes(2, 0x81), bytes(50, 9), false, 0, record("small"));
        ByteBuffer header = ByteBuffer.wrap(new byte[] {(byte) 0x82, 126, 0x27, 0x10});
        ByteBuffer lent = bytes(10_000, 3);
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        queue.addFrameWritingLentPayload(channel, header, lent, record("large"));

        assertEquals(1, channel.gatheringCalls, "the queued frame and the lent one in one gathering write");
        assertEquals(0, lent.position(), "the lender's buffer is as it was");
        byte[] out = channel.written.toByteArray();
        assertEquals(52 + 4 + 10_000, out.length);
        assertEquals(9, out[2]);
        assertEquals(3, out[56]);
        assertEquals(0, queue.size());
        assertEquals(0, pool.lent(), "the pooled buffer went back once written");
        assertEquals(List.of(), completions, "completions wait for the next flush, not the sender's call");
        assertTrue(queue.writeTo(channel));
        assertEquals(List.of("small written", "large written"), completions);
    }

    @Test
    void whatTheSocketDoesNotTakeOfALentPayloadIsCopiedBeforeTheCallReturns() throws IOException {
        ByteBuffer header = ByteBuffer.wrap(new byte[] {(byte) 0x82, 126, 0x27, 0x10});
        ByteBuffer lent = bytes(10_000, 3);
        byte[] expected = new byte[4 + 10_000];
        header.duplicate().get(expected, 0, 4);
        lent.duplicate().get(expected, 4, 10_000);
        ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        channel.room = 3_000;
        queue.addFrameWritingLentPayload(channel, header, lent, record("large"));
        assertEquals(0, lent.position(), "the lender's buffer is as it was");
        for (int i = 0; i < 10_000; i++) {
            lent.put(i, (byte) 0); // the lender reuses its buffer as soon as the call returns
        }
        assertEquals(10_004 - 3_000, queue.size());

        channel.room = Integer.MAX_VALUE;
        assertTrue(queue.writeTo(channel));
        assertArrayEquals(expected, channel.written.toByteArray(), "the rest was kept intact and in order");
        assertEquals(List.of("large written"), completions);
    }

    @Test
    void aLentPayloadIsCopiedBeforeTheCallReturnsEvenWhenTheSocketFails() throws IOException {
        GatheringByteChannel broken = new GatheringByteChannel() {
            @Override
            public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public long write(ByteBuffer[] sources) throws IOException {
                return write(sources, 0, sources.length);
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                return (int) write(new ByteBuffer[] {source}, 0, 1);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        ByteBuffer lent = bytes(10_000, 3);
        assertThrows(IOException.class,
                () -> queue.addFrameWritingLentPayload(broken, bytes(4, 0x82), lent, record("large")));
        for (int i = 0; i < 10_000; i++) {
            lent.put(i, (byte) 0); // the lender reuses its buffer whatever happened
        }
        assertEquals(10_004, queue.size(), "nothing was written and nothing lost from the count");
        ThrottledChannel working = new ThrottledChannel(Integer.MAX_VALUE);
        assertTrue(queue.writeTo(working));
        assertArrayEquals(bytes(10_000, 3).array(),
                java.util.Arrays.copyOfRange(working.written.toByteArray(), 4, 10_004),
                "the queue holds its own copy of the payload, not the lender's buffer");
        assertEquals(List.of("large written"), completions);
    }

    @Test
    void onlyLargeUnmaskedLentPayloadsAreWrittenAtOnce() {
        ByteBuffer header = bytes(4, 0x82);
        assertTrue(WriteQueue.writesLentPayloadAtOnce(header, bytes(WriteQueue.COALESCE_LIMIT, 0), false));
        assertFalse(WriteQueue.writesLentPayloadAtOnce(header, bytes(WriteQueue.COALESCE_LIMIT - 4, 0), false),
                "small frames are copied and coalesced");
        assertFalse(WriteQueue.writesLentPayloadAtOnce(header, bytes(WriteQueue.COALESCE_LIMIT, 0), true),
                "a client's payload is masked as it is copied");
    }
}
