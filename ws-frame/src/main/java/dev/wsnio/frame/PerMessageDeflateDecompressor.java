package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate: inflates each compressed message as its frames
 * arrive (RFC 7692 §7.2.2), handing the output on in pieces of at most
 * {@link PerMessageDeflate#MAX_DECOMPRESSED_PIECE} bytes, so that the receiver's size limit
 * stops a compression bomb after one piece too many.
 *
 * <p>Memory: without context takeover (the peer agreed to {@code *_no_context_takeover}) the
 * raw {@link Inflater} is lent by the {@link DeflateWorkspace} from the message's first
 * compressed frame to its end, so nothing is held between messages; with it, the connection's
 * own inflater (about 40 KiB of native memory with its 32 KiB window) is created at the first
 * compressed message and kept until {@link #release()}. Inflated output goes through the
 * workspace's piece buffer, lent to the sink for the duration of its call: nothing is allocated
 * per message.
 *
 * <p>Tolerated quirks of peers: a payload that still ends with {@code 00 00 ff ff} (the peer did
 * not remove it, possibly sending it in a frame of its own): the data is then complete and
 * nothing is appended, since after a complete flush the four octets would open a stored block
 * of 65,280 bytes that swallows the next message (a correctly trimmed payload never ends in
 * {@code ff}: it ends with the header bits of the empty stored block and zero padding); an
 * empty payload (an empty message, as is the one-octet payload {@code 00}); a final block
 * (BFINAL, §7.2.3.4), after which the rest of the message is ignored and the next message starts
 * a new DEFLATE stream.
 */
final class PerMessageDeflateDecompressor {

    /** §7.2.2: appended to the payload of every compressed message before inflating its end. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    /** {@link #TAIL} as the last four octets of a payload, read big-endian. */
    private static final int TAIL_AS_INT = 0x0000FFFF;
    private static final int TAIL_LENGTH = 4;
    private static final byte[] NO_INPUT = new byte[0];

    private final DeflateWorkspace workspace;
    private final boolean contextTakeover;
    /** The connection's own inflater (context takeover), or the one lent for the message in progress. */
    private Inflater inflater;
    private boolean released;

    // The message in progress.
    private boolean inMessage;
    /** Whether any compressed byte of this message arrived (an empty payload is an empty message). */
    private boolean receivedData;
    /** Whether a final block (BFINAL) ended the DEFLATE stream inside this message. */
    private boolean streamEnded;
    /** The last (up to) four compressed octets of this message, big-endian. */
    private int lastOctets;
    private int lastOctetCount;

    /**
     * Creates the receiving half.
     *
     * @param workspace where lent inflaters and the output buffer come from
     * @param contextTakeover whether the peer's messages may refer to the ones it sent before
     */
    PerMessageDeflateDecompressor(DeflateWorkspace workspace, boolean contextTakeover) {
        this.workspace = workspace;
        this.contextTakeover = contextTakeover;
    }

    /**
     * Inflates a slice of a compressed message.
     *
     * @param compressed compressed bytes between position and limit; consumed before returning
     * @param sink receives the inflated bytes
     * @throws WebSocketProtocolException when the data cannot be inflated, or from the sink
     * @throws IllegalStateException after {@link #release()}
     */
    void decompress(ByteBuffer compressed, MessageCompression.DecompressedSink sink)
            throws WebSocketProtocolException {
        checkNotReleased();
        if (!compressed.hasRemaining()) {
            return;
        }
        if (!inMessage) {
            startMessage();
        }
        receivedData = true;
        rememberLastOctets(compressed);
        if (streamEnded) {
            compressed.position(compressed.limit()); // after the final block: nothing more to inflate
            return;
        }
        inflater.setInput(compressed);
        try {
            inflate(sink);
        } finally {
            compressed.position(compressed.limit());
            inflater.setInput(NO_INPUT); // the input is a view of a read buffer: do not keep it
        }
    }

    /**
     * Ends the message in progress: §7.2.2's tail is inflated, then the state is reset or kept
     * for the next message.
     *
     * @param sink receives the last inflated bytes
     * @throws WebSocketProtocolException when the data cannot be inflated, or from the sink
     * @throws IllegalStateException after {@link #release()}
     */
    void finishMessage(MessageCompression.DecompressedSink sink) throws WebSocketProtocolException {
        checkNotReleased();
        if (receivedData && !streamEnded && !endsWithTail()) {
            inflater.setInput(TAIL);
            inflate(sink);
        }
        endMessage();
    }

    private void rememberLastOctets(ByteBuffer compressed) {
        for (int i = Math.max(compressed.position(), compressed.limit() - TAIL_LENGTH); i < compressed.limit(); i++) {
            lastOctets = lastOctets << 8 | (compressed.get(i) & 0xFF);
            lastOctetCount = Math.min(TAIL_LENGTH, lastOctetCount + 1);
        }
    }

    /** Whether the peer sent the flush's {@code 00 00 ff ff} instead of removing it (§7.2.1). */
    private boolean endsWithTail() {
        return lastOctetCount == TAIL_LENGTH && lastOctets == TAIL_AS_INT;
    }

    /**
     * Frees the native memory of the connection's own inflater, or gives a lent one back; later
     * calls do nothing.
     */
    void release() {
        released = true;
        if (inflater != null) {
            if (contextTakeover) {
                inflater.end();
            } else {
                workspace.giveBack(inflater); // the message in progress is abandoned
            }
            inflater = null;
        }
    }

    private void checkNotReleased() {
        if (released) {
            throw new IllegalStateException("permessage-deflate was released: the connection ended");
        }
    }

    private void startMessage() {
        inMessage = true;
        if (inflater == null) {
            inflater = contextTakeover ? new Inflater(true) : workspace.borrowInflater();
        }
    }

    private void endMessage() {
        inMessage = false;
        receivedData = false;
        lastOctets = 0;
        lastOctetCount = 0;
        if (inflater == null) {
            return;
        }
        if (!contextTakeover) {
            // §7.2.2: the peer starts each message with an empty window; keep nothing meanwhile.
            workspace.giveBack(inflater);
            inflater = null;
        } else if (streamEnded) {
            // A final block ended the DEFLATE stream: the next message starts a new one. The JDK
            // cannot carry the old window over (it has no inflateGetDictionary), see
            // PerMessageDeflate.
            inflater.reset();
        }
        streamEnded = false;
    }

    /**
     * Inflates the inflater's input completely, handing each filled stretch of the output buffer
     * to the sink. Every turn of the loop produces output or returns, so it ends.
     */
    private void inflate(MessageCompression.DecompressedSink sink) throws WebSocketProtocolException {
        byte[] piece = workspace.piece();
        while (true) {
            int produced;
            try {
                produced = inflater.inflate(piece);
            } catch (DataFormatException e) {
                throw new WebSocketProtocolException(ProtocolError.INVALID_COMPRESSED_DATA,
                        "compressed message cannot be inflated: " + e.getMessage());
            }
            if (produced > 0) {
                sink.accept(workspace.pieceView(produced));
            }
            if (inflater.finished()) {
                streamEnded = true; // §7.2.3.4: a block with BFINAL set ended the stream
                return;
            }
            if (produced < piece.length && inflater.needsInput()) {
                return; // all input used and all output handed on
            }
            if (produced == 0) {
                // Input left, room for output, yet nothing came out: zlib wants something a raw
                // permessage-deflate stream never needs (a preset dictionary).
                throw new WebSocketProtocolException(ProtocolError.INVALID_COMPRESSED_DATA,
                        "compressed message cannot be inflated: the inflater stalled");
            }
        }
    }
}
