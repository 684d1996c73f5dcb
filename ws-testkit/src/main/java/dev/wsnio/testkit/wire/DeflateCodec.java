package dev.wsnio.testkit.wire;

import dev.wsnio.testkit.DeflateWindowChecker;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * permessage-deflate as RFC 7692 §7.2 describes it, written here for the suite's raw peer:
 * compress a message with a raw DEFLATE stream flushed to a byte boundary and drop the final
 * {@code 00 00 ff ff} (§7.2.1); inflate by appending it back (§7.2.2). Each direction may keep
 * its sliding window between messages (context takeover) or start fresh for each.
 *
 * <p>Windows (§7.1.2): what the testee sends is inflated by {@link DeflateWindowChecker}, a
 * decoder independent of zlib that fails on any back-reference further back than the testee's
 * agreed window, or into an earlier message when the testee agreed to no context takeover. What
 * this peer sends keeps within the testee's window too: its history is emptied
 * ({@link Deflater#FULL_FLUSH}) after every 2<sup>N</sup> bytes.
 */
public final class DeflateCodec {

    /** The end of a sync flush, dropped by the sender and put back by the receiver (§7.2.1, §7.2.2). */
    private static final int TAIL_LENGTH = 4;
    private static final int FULL_WINDOW_BITS = 15;

    private final boolean keepCompressorContext;
    private final boolean keepInflaterContext;
    private final int compressorWindow;
    private final DeflateWindowChecker inflater;
    private Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private int sinceEmptied;

    /**
     * A codec for one connection where both sides use 32 KiB windows.
     *
     * @param keepCompressorContext whether our messages may refer to earlier ones (false when
     *     our side's no_context_takeover was agreed)
     * @param keepInflaterContext whether the peer's messages may refer to earlier ones (false
     *     when its no_context_takeover was agreed: then each must decode on its own)
     */
    public DeflateCodec(boolean keepCompressorContext, boolean keepInflaterContext) {
        this(keepCompressorContext, keepInflaterContext, FULL_WINDOW_BITS, FULL_WINDOW_BITS);
    }

    /**
     * A codec for one connection.
     *
     * @param keepCompressorContext whether our messages may refer to earlier ones
     * @param keepInflaterContext whether the peer's messages may refer to earlier ones
     * @param ourWindowBits the window our messages must keep within (the peer's agreed limit on us)
     * @param peerWindowBits the window the peer's messages must keep within
     */
    public DeflateCodec(boolean keepCompressorContext, boolean keepInflaterContext, int ourWindowBits,
                        int peerWindowBits) {
        this.keepCompressorContext = keepCompressorContext;
        this.keepInflaterContext = keepInflaterContext;
        this.compressorWindow = ourWindowBits < FULL_WINDOW_BITS ? 1 << ourWindowBits : Integer.MAX_VALUE;
        this.inflater = new DeflateWindowChecker(peerWindowBits);
    }

    /**
     * Compresses one message (§7.2.1).
     *
     * @param message the message
     * @return the frame payload: DEFLATE data without the trailing 00 00 ff ff
     */
    public byte[] compress(byte[] message) {
        if (!keepCompressorContext) {
            deflater.reset();
            sinceEmptied = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        int offset = 0;
        do {
            int chunk = (int) Math.min(message.length - offset, (long) compressorWindow - sinceEmptied);
            boolean empty = sinceEmptied + chunk == compressorWindow;
            deflater.setInput(message, offset, chunk);
            drain(out, empty ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH);
            offset += chunk;
            sinceEmptied = empty ? 0 : sinceEmptied + chunk;
        } while (offset < message.length);
        byte[] all = out.toByteArray();
        if (all.length < 4 || all[all.length - 4] != 0 || all[all.length - 3] != 0
                || all[all.length - 2] != (byte) 0xFF || all[all.length - 1] != (byte) 0xFF) {
            throw new IllegalStateException("a sync flush ends in 00 00 ff ff");
        }
        return Arrays.copyOf(all, all.length - TAIL_LENGTH);
    }

    private void drain(ByteArrayOutputStream out, int flush) {
        byte[] chunk = new byte[64 * 1024];
        int count;
        do {
            count = deflater.deflate(chunk, 0, chunk.length, flush);
            out.write(chunk, 0, count);
        } while (count == chunk.length);
    }

    /**
     * Inflates one message of the peer (§7.2.2) and checks its back-references.
     *
     * @param payload the message's compressed payload (all its frames' payloads, joined)
     * @return the message
     * @throws AssertionError when the data is not valid DEFLATE, or refers beyond the peer's
     *     window or into an earlier message the peer promised not to use
     */
    public byte[] inflate(byte[] payload) {
        if (!keepInflaterContext) {
            inflater.forgetHistory();
        }
        try {
            return inflater.inflateMessage(payload);
        } catch (AssertionError e) {
            throw new AssertionError("the peer's compressed message does not inflate"
                    + (keepInflaterContext ? "" : " on its own (no_context_takeover broken?)")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Frees the native memory. */
    public void end() {
        deflater.end();
    }
}
