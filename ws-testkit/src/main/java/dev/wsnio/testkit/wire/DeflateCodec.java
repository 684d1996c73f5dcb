package dev.wsnio.testkit.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate as RFC 7692 §7.2 describes it, written here for the suite's raw peer:
 * compress a message with a raw DEFLATE stream flushed to a byte boundary and drop the final
 * {@code 00 00 ff ff} (§7.2.1); inflate by appending it back (§7.2.2). Each direction may keep
 * its sliding window between messages (context takeover) or start fresh for each.
 */
public final class DeflateCodec {

    /** The end of a sync flush, dropped by the sender and put back by the receiver (§7.2.1, §7.2.2). */
    private static final int TAIL_LENGTH = 4;

    private final boolean keepCompressorContext;
    private final boolean keepInflaterContext;
    private Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private Inflater inflater = new Inflater(true);

    /**
     * A codec for one connection.
     *
     * @param keepCompressorContext whether our messages may refer to earlier ones (false when
     *     our side's no_context_takeover was agreed)
     * @param keepInflaterContext whether the peer's messages may refer to earlier ones (false
     *     when its no_context_takeover was agreed: then each is inflated with a fresh window,
     *     which fails if the peer broke its promise)
     */
    public DeflateCodec(boolean keepCompressorContext, boolean keepInflaterContext) {
        this.keepCompressorContext = keepCompressorContext;
        this.keepInflaterContext = keepInflaterContext;
    }

    /**
     * Compresses one message (§7.2.1).
     *
     * @param message the message
     * @return the frame payload: DEFLATE data without the trailing 00 00 ff ff
     */
    public byte[] compress(byte[] message) {
        if (!keepCompressorContext) {
            deflater.end();
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] chunk = new byte[64 * 1024];
        int count;
        do {
            count = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, count);
        } while (count == chunk.length);
        byte[] all = out.toByteArray();
        if (all.length < 4 || all[all.length - 4] != 0 || all[all.length - 3] != 0
                || all[all.length - 2] != (byte) 0xFF || all[all.length - 1] != (byte) 0xFF) {
            throw new IllegalStateException("a sync flush ends in 00 00 ff ff");
        }
        return Arrays.copyOf(all, all.length - 4);
    }

    /**
     * Inflates one message of the peer (§7.2.2).
     *
     * @param payload the message's compressed payload (all its frames' payloads, joined)
     * @return the message
     * @throws AssertionError when the data is not valid DEFLATE (for the peer's context rules)
     */
    public byte[] inflate(byte[] payload) {
        if (!keepInflaterContext) {
            inflater.end();
            inflater = new Inflater(true);
        }
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL_LENGTH);
        input[input.length - 2] = (byte) 0xFF; // 00 00 ff ff
        input[input.length - 1] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
        byte[] chunk = new byte[64 * 1024];
        try {
            while (true) {
                int count = inflater.inflate(chunk);
                out.write(chunk, 0, count);
                if (count == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new AssertionError("the peer's compressed message does not inflate"
                    + (keepInflaterContext ? "" : " with a fresh window (no_context_takeover broken?)")
                    + ": " + e.getMessage());
        }
        if (inflater.finished()) {
            // A final block (BFINAL) ends the stream; a later message starts a new one.
            inflater.reset();
        }
        return out.toByteArray();
    }

    /** Frees the native memory. */
    public void end() {
        deflater.end();
        inflater.end();
    }
}
