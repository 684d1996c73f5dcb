package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate: compresses whole messages as RFC 7692 §7.2.1
 * describes, with a raw-DEFLATE {@link Deflater} flushed with {@link Deflater#SYNC_FLUSH} at
 * the end of each message and the flush's empty stored block ({@code 00 00 ff ff}) removed.
 *
 * <p>With context takeover the {@code Deflater} is created at the first compressed message and
 * kept until {@link #release()}, so that later messages can refer to earlier ones. Without, one
 * is created for each message and ended right after it: that costs about as much as resetting a
 * kept one (zlib's allocator reuses the freed blocks) and leaves nothing behind between messages.
 */
final class PerMessageDeflateCompressor {

    /** The empty stored block that {@link Deflater#SYNC_FLUSH} ends with (§7.2.1). */
    private static final int FLUSH_MARKER_LENGTH = 4;
    private static final byte[] NO_INPUT = new byte[0];
    private static final int MIN_OUTPUT_CAPACITY = 64;
    private static final int MAX_INITIAL_OUTPUT_CAPACITY = 64 * 1024;

    private final int level;
    private final boolean contextTakeover;
    /** The kept compressor (context takeover only), created when first needed. */
    private Deflater deflater;
    private boolean released;

    /**
     * Creates the sending half.
     *
     * @param level the {@link Deflater} level
     * @param contextTakeover whether messages may refer to the ones sent before them
     */
    PerMessageDeflateCompressor(int level, boolean contextTakeover) {
        this.level = level;
        this.contextTakeover = contextTakeover;
    }

    /**
     * Compresses a whole message.
     *
     * @param message the bytes between position and limit; consumed
     * @return the payload of the compressed message, in a buffer of its own
     * @throws IllegalStateException after {@link #release()}
     */
    ByteBuffer compress(ByteBuffer message) {
        if (released) {
            throw new IllegalStateException("permessage-deflate was released: the connection ended");
        }
        if (!contextTakeover) {
            return compressWithFreshContext(message, level);
        }
        if (deflater == null) {
            deflater = new Deflater(level, true);
        }
        return deflate(deflater, message);
    }

    /**
     * Compresses one message with an empty window: the result decompresses at any peer, whatever
     * it received before (see {@link PerMessageDeflate} on broadcast).
     *
     * @param message the bytes between position and limit; consumed
     * @param level the {@link Deflater} level
     * @return the payload of the compressed message, in a buffer of its own
     */
    static ByteBuffer compressWithFreshContext(ByteBuffer message, int level) {
        Deflater fresh = new Deflater(level, true);
        try {
            return deflate(fresh, message);
        } finally {
            fresh.end();
        }
    }

    /** Frees the kept compressor's native memory; later calls do nothing. */
    void release() {
        released = true;
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    /** §7.2.1: compress, flush to a byte boundary, drop the trailing {@code 00 00 ff ff}. */
    private static ByteBuffer deflate(Deflater deflater, ByteBuffer message) {
        if (!message.hasRemaining()) {
            // §7.2.3.6: a lone empty stored block's first octet. (zlib writes nothing at all when
            // a sync flush follows a sync flush, and an empty payload would leave the peer's
            // decompressor inside a stored block once it appends 00 00 ff ff.)
            return ByteBuffer.wrap(new byte[] {0});
        }
        byte[] out = new byte[initialCapacity(message.remaining())];
        int length = 0;
        deflater.setInput(message);
        while (true) {
            int room = out.length - length;
            int written = deflater.deflate(out, length, room, Deflater.SYNC_FLUSH);
            length += written;
            if (written < room) {
                break; // room to spare: all input and the whole flush are out
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        deflater.setInput(NO_INPUT); // let go of the caller's buffer
        if (length < FLUSH_MARKER_LENGTH || out[length - 4] != 0 || out[length - 3] != 0
                || out[length - 2] != (byte) 0xFF || out[length - 1] != (byte) 0xFF) {
            // zlib ends every sync flush of new input with the marker; anything else is a broken zlib
            throw new IllegalStateException("Deflater output does not end with a sync flush");
        }
        length -= FLUSH_MARKER_LENGTH;
        // The buffer may wait in a write queue: do not let it hold much more than its content.
        if (out.length - length > length / 4 + MIN_OUTPUT_CAPACITY) {
            out = Arrays.copyOf(out, length);
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    /** Half the message, a guess that fits most compressible text in one pass. */
    private static int initialCapacity(int messageLength) {
        return Math.max(MIN_OUTPUT_CAPACITY, Math.min(messageLength / 2, MAX_INITIAL_OUTPUT_CAPACITY));
    }
}
