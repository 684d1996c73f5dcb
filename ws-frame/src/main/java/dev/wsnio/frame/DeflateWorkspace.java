package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What permessage-deflate needs only while it works on one message, kept once per thread (an
 * event loop) and lent to every connection that thread serves: zlib streams and buffers. With
 * it, compressing or decompressing a message on the steady path allocates nothing, and a
 * connection without context takeover holds no compression state between messages (an idle one
 * holds nothing at all).
 *
 * <p>What it holds, each created when first needed:
 * <ul>
 *   <li>one raw-DEFLATE {@link Deflater} per compression level in use, reset before each
 *       message it compresses for a connection without context takeover (about 260 KiB of native
 *       memory once used: see {@link PerMessageDeflate});</li>
 *   <li>idle raw {@link Inflater}s, lent to a connection for one message without context
 *       takeover, from its first compressed frame to its last (a message whose frames arrive in
 *       several reads keeps its inflater meanwhile, so several can be out at once); at most
 *       {@value #MAX_IDLE_INFLATERS} are kept idle (about 40 KiB each once used), the others are
 *       ended when given back;</li>
 *   <li>the output buffer of compression, which grows to the largest compressed message and is
 *       kept up to {@value #MAX_KEPT_OUTPUT} bytes: what
 *       {@link MessageCompression#compress} returns is a view of it, valid until the next
 *       compression on this workspace;</li>
 *   <li>one buffer of {@link PerMessageDeflate#MAX_DECOMPRESSED_PIECE} bytes that inflated
 *       output goes through on its way to the session, valid during the sink's call only.</li>
 * </ul>
 *
 * <p>Not thread-safe: one workspace per thread, used by that thread only. {@link #close()} ends
 * the zlib streams (the event loop does when it stops).
 */
public final class DeflateWorkspace implements AutoCloseable {

    /** The most idle inflaters kept for the next message. */
    static final int MAX_IDLE_INFLATERS = 4;
    /** The largest compression output buffer kept between messages: 256 KiB. */
    static final int MAX_KEPT_OUTPUT = 256 * 1024;
    private static final int INITIAL_OUTPUT = 4 * 1024;
    /** Levels -1 (zlib's default) to 9: index = level + 1. */
    private static final int LEVELS = Deflater.BEST_COMPRESSION + 2;

    private final Deflater[] deflaters = new Deflater[LEVELS];
    private final ArrayDeque<Inflater> idleInflaters = new ArrayDeque<>();
    private byte[] output;
    private ByteBuffer outputView;
    private byte[] piece;
    private ByteBuffer pieceView;
    private boolean closed;

    /** Creates an empty workspace; nothing is allocated until a message needs it. */
    public DeflateWorkspace() {
    }

    /**
     * The shared compressor for a level, reset: it holds nothing of any earlier message.
     *
     * @param level the {@link Deflater} level, -1 to 9
     * @return a raw-DEFLATE compressor with an empty window, to be used for one message
     */
    Deflater freshDeflater(int level) {
        checkOpen();
        Deflater deflater = deflaters[level + 1];
        if (deflater == null) {
            deflater = new Deflater(level, true);
            deflaters[level + 1] = deflater;
        } else {
            deflater.reset();
        }
        return deflater;
    }

    /**
     * Lends an inflater with an empty window for one message.
     *
     * @return a raw inflater; give it back with {@link #giveBack(Inflater)}
     */
    Inflater borrowInflater() {
        checkOpen();
        Inflater idle = idleInflaters.pollFirst();
        return idle != null ? idle : new Inflater(true);
    }

    /**
     * Takes back a lent inflater: it is reset and kept for the next message, or ended when
     * enough are kept already or the workspace is closed.
     *
     * @param inflater an inflater from {@link #borrowInflater()}
     */
    void giveBack(Inflater inflater) {
        if (closed || idleInflaters.size() >= MAX_IDLE_INFLATERS) {
            inflater.end();
            return;
        }
        inflater.reset();
        idleInflaters.addFirst(inflater);
    }

    /**
     * The compression output buffer, with room for at least {@code capacity} bytes and its
     * first {@code keep} bytes preserved. Buffers grown past {@value #MAX_KEPT_OUTPUT} bytes
     * are dropped when the next message starts with a smaller request.
     *
     * @param capacity the room needed
     * @param keep how many bytes written so far to keep
     * @return the buffer
     */
    byte[] output(int capacity, int keep) {
        checkOpen();
        if (output == null || output.length < capacity
                || (keep == 0 && output.length > MAX_KEPT_OUTPUT && capacity <= MAX_KEPT_OUTPUT)) {
            byte[] larger = new byte[Math.max(capacity, INITIAL_OUTPUT)];
            if (output != null && keep > 0) {
                System.arraycopy(output, 0, larger, 0, keep);
            }
            output = larger;
            outputView = ByteBuffer.wrap(output);
        }
        return output;
    }

    /**
     * A view of the first {@code length} bytes of the output buffer, valid until the next
     * compression on this workspace.
     *
     * @param length the length of the compressed payload
     * @return the view, positioned at 0
     */
    ByteBuffer outputView(int length) {
        return outputView.clear().limit(length);
    }

    /**
     * The buffer that inflated output goes through.
     *
     * @return {@link PerMessageDeflate#MAX_DECOMPRESSED_PIECE} bytes
     */
    byte[] piece() {
        checkOpen();
        if (piece == null) {
            piece = new byte[PerMessageDeflate.MAX_DECOMPRESSED_PIECE];
            pieceView = ByteBuffer.wrap(piece);
        }
        return piece;
    }

    /**
     * A view of the first {@code length} bytes of the piece buffer, lent to a sink.
     *
     * @param length the inflated bytes in the piece
     * @return the view, positioned at 0
     */
    ByteBuffer pieceView(int length) {
        return pieceView.clear().limit(length);
    }

    /**
     * The idle inflaters kept (for tests).
     *
     * @return how many inflaters wait for the next message
     */
    int idleInflaters() {
        return idleInflaters.size();
    }

    /**
     * Ends every zlib stream and drops the buffers. Inflaters still lent are ended when given
     * back. Safe to call more than once; afterwards the workspace cannot be used.
     */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < deflaters.length; i++) {
            if (deflaters[i] != null) {
                deflaters[i].end();
                deflaters[i] = null;
            }
        }
        Inflater idle;
        while ((idle = idleInflaters.pollFirst()) != null) {
            idle.end();
        }
        output = null;
        outputView = null;
        piece = null;
        pieceView = null;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the permessage-deflate workspace was closed (its event loop stopped)");
        }
    }
}
