package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate: compresses whole messages as RFC 7692 §7.2.1
 * describes, with a raw-DEFLATE {@link Deflater} flushed with {@link Deflater#SYNC_FLUSH} at
 * the end of each message and the flush's empty stored block ({@code 00 00 ff ff}) removed.
 *
 * <h2>The window (§7.1.2)</h2>
 * The JDK's {@code Deflater} always has DEFLATE's largest window, 32 KiB, and no way to choose
 * a smaller one; what §7.1.2 asks of an endpoint limited to 2<sup>N</sup> bytes is only that
 * no back-reference it sends reaches further back than that. A compressor that has seen no more
 * than 2<sup>N</sup> bytes since its history was last emptied cannot refer further back, so for
 * N below 15 the input is cut into stretches of 2<sup>N</sup> bytes and the history is emptied
 * after each ({@link Deflater#FULL_FLUSH}: zlib forgets every earlier byte, so that
 * decompression could start afresh from there). Without context takeover the history is also
 * emptied at the start of every message (a {@code Deflater} reset); with it, the count of
 * bytes since the last emptying runs on across messages. Costs: a full flush writes an empty
 * stored block (5 bytes) and clears zlib's 64 KiB hash table; text compresses to about 1.3
 * times what a true 2<sup>N</sup>-byte window gives at 12 bits and 2.2 times at 8 bits
 * (JSON-like text: 23 % and 61 % of its size, against 17 % and 27 %), and incompressible data
 * grows by 5 bytes per stretch (2 % at 9 bits, 0.1 % at 12). The other ways considered: no
 * back-references at all ({@link Deflater#HUFFMAN_ONLY}) compresses such text to 60 % at any
 * window, worse from 9 bits up; stretches of 2<sup>N-1</sup> bytes primed with the previous
 * 2<sup>N-1</sup> as a dictionary compress better but cost a dictionary load per stretch and
 * twice the flushes.
 *
 * <h2>Context takeover and memory</h2>
 * Without context takeover (the default) the workspace's shared compressor for the level is
 * reset and used for the message, so the connection holds nothing between messages. With it,
 * the connection's own {@code Deflater} is created at its first compressed message and kept until
 * {@link #release()}. The compressed payload is written into the {@link DeflateWorkspace}'s
 * output buffer and returned as a view of it.
 */
final class PerMessageDeflateCompressor {

    /** The empty stored block that {@link Deflater#SYNC_FLUSH} ends with (§7.2.1). */
    private static final int FLUSH_MARKER_LENGTH = 4;
    private static final byte[] NO_INPUT = new byte[0];
    private static final int MIN_OUTPUT_CAPACITY = 64;
    /** DEFLATE's window, 32 KiB: zlib keeps every reference within it by itself. */
    private static final int FULL_WINDOW_BITS = PerMessageDeflateParameters.MAX_WINDOW_BITS;

    private final DeflateWorkspace workspace;
    private final int level;
    private final boolean contextTakeover;
    /** 2^N for a window below 32 KiB: the most input between two emptyings of the history; 0 otherwise. */
    private final int stretch;
    private final boolean skipIncompressible;
    /** The connection's own compressor (context takeover only), created when first needed. */
    private Deflater own;
    /** Input bytes since the history was last emptied (context takeover with a small window). */
    private int sinceEmptied;
    /** The last message was compressed and then sent as it is: the next one starts afresh. */
    private boolean forgetBeforeNext;
    private boolean released;

    /**
     * Creates the sending half.
     *
     * @param workspace where the shared compressor and the output buffer come from
     * @param level the {@link Deflater} level
     * @param windowBits the largest window the peer allows, 8 to 15
     * @param contextTakeover whether messages may refer to the ones sent before them
     * @param skipIncompressible whether to give up on messages that compression does not shrink
     */
    PerMessageDeflateCompressor(DeflateWorkspace workspace, int level, int windowBits, boolean contextTakeover,
                                boolean skipIncompressible) {
        this.workspace = workspace;
        this.level = level;
        this.contextTakeover = contextTakeover;
        this.stretch = windowBits < FULL_WINDOW_BITS ? 1 << windowBits : 0;
        this.skipIncompressible = skipIncompressible;
    }

    /**
     * Compresses a whole message.
     *
     * @param message the bytes between position and limit; consumed, unless compression is
     *     given up
     * @return the payload of the compressed message, a view of the workspace's output buffer
     *     valid until its next compression; or null when the message is better sent as it is
     *     (it did not shrink), in which case its position is unchanged
     * @throws IllegalStateException after {@link #release()}
     */
    ByteBuffer compress(ByteBuffer message) {
        if (released) {
            throw new IllegalStateException("permessage-deflate was released: the connection ended");
        }
        int start = message.position();
        int length = message.remaining();
        if (length == 0) {
            // §7.2.3.6: a lone empty stored block's first octet. (zlib writes nothing at all when
            // a sync flush follows a sync flush, and an empty payload would leave the peer's
            // decompressor inside a stored block once it appends 00 00 ff ff.) The history is
            // untouched, on both sides.
            return skipIncompressible ? null : emptyMessage();
        }
        Deflater deflater;
        if (!contextTakeover) {
            deflater = workspace.freshDeflater(level);
            sinceEmptied = 0;
        } else {
            if (own == null) {
                own = new Deflater(level, true);
            } else if (forgetBeforeNext) {
                own.reset();
            }
            if (forgetBeforeNext) {
                sinceEmptied = 0;
                forgetBeforeNext = false;
            }
            deflater = own;
        }
        int compressed = deflate(deflater, message);
        if (skipIncompressible && compressed >= length) {
            // RFC 7692 §6: the sender chooses, message by message. The peer will not see these
            // bytes, so nothing may refer to them: with context takeover, start afresh next time.
            message.position(start);
            forgetBeforeNext = contextTakeover;
            return null;
        }
        return workspace.outputView(compressed);
    }

    /** The compressed form of an empty message, written into the output buffer. */
    private ByteBuffer emptyMessage() {
        workspace.output(1, 0)[0] = 0;
        return workspace.outputView(1);
    }

    /**
     * Frees the connection's own compressor's native memory; later calls do nothing. The
     * shared one belongs to the workspace.
     */
    void release() {
        released = true;
        if (own != null) {
            own.end();
            own = null;
        }
    }

    /**
     * §7.2.1: compress, flush to a byte boundary, drop the trailing {@code 00 00 ff ff}; with a
     * small window, empty the history every {@link #stretch} bytes of input.
     *
     * @return the length of the compressed payload at the start of the workspace's output
     */
    private int deflate(Deflater deflater, ByteBuffer message) {
        int end = message.limit();
        int length = 0;
        try {
            while (message.position() < end) {
                int chunkEnd = end;
                boolean emptyHistory = false;
                if (stretch > 0 && end - message.position() >= stretch - sinceEmptied) {
                    chunkEnd = message.position() + (stretch - sinceEmptied);
                    emptyHistory = true;
                }
                int chunk = chunkEnd - message.position();
                message.limit(chunkEnd);
                deflater.setInput(message);
                length = drain(deflater, emptyHistory ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH, length, chunk);
                sinceEmptied = emptyHistory ? 0 : sinceEmptied + chunk;
                message.limit(end);
            }
        } finally {
            message.limit(end);
            deflater.setInput(NO_INPUT); // let go of the caller's buffer
        }
        byte[] out = workspace.output(length, length);
        if (length < FLUSH_MARKER_LENGTH || out[length - 4] != 0 || out[length - 3] != 0
                || out[length - 2] != (byte) 0xFF || out[length - 1] != (byte) 0xFF) {
            // zlib ends every sync or full flush of new input with the marker; anything else is a broken zlib
            throw new IllegalStateException("Deflater output does not end with a flush marker");
        }
        return length - FLUSH_MARKER_LENGTH;
    }

    /**
     * Runs the compressor over its whole input and the flush, growing the output buffer as
     * needed.
     *
     * @return the output length so far
     */
    private int drain(Deflater deflater, int flush, int length, int chunk) {
        byte[] out = workspace.output(length + initialRoom(chunk), length);
        while (true) {
            int room = out.length - length;
            int written = deflater.deflate(out, length, room, flush);
            length += written;
            if (written < room) {
                break; // room to spare: all input and the whole flush are out
            }
            out = workspace.output(out.length * 2, length);
        }
        if (!deflater.needsInput()) {
            throw new IllegalStateException("Deflater stopped before its input was used up");
        }
        return length;
    }

    /** Half the input, a guess that fits most compressible text in one pass. */
    private static int initialRoom(int inputLength) {
        return Math.max(MIN_OUTPUT_CAPACITY, inputLength / 2);
    }

    /**
     * Compresses one message with an empty history and a 15-bit window, independently of any
     * connection (see {@link PerMessageDeflate} on broadcast).
     *
     * @param message the bytes between position and limit; consumed
     * @param level the {@link Deflater} level
     * @return the payload of the compressed message, in a buffer of its own
     */
    static ByteBuffer compressWithFreshContext(ByteBuffer message, int level) {
        try (DeflateWorkspace workspace = new DeflateWorkspace()) {
            ByteBuffer lent = new PerMessageDeflateCompressor(workspace, level, FULL_WINDOW_BITS, false, false)
                    .compress(message);
            ByteBuffer own = ByteBuffer.allocate(lent.remaining());
            return own.put(lent).flip();
        }
    }
}
