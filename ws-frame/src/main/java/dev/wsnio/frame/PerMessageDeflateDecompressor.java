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
 * <p>Memory: the output buffer lives only while a message is in progress and grows from 1 KiB
 * to the maximum piece only for messages that need it. With context takeover the raw-DEFLATE
 * {@link Inflater} (about 40 KiB of native memory with its 32 KiB window) is created at the
 * first compressed message and kept until {@link #release()}; without, one is created for each
 * message and ended after it, so that nothing is held between messages.
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
    private static final int MIN_PIECE = 1024;
    /** Compressed text typically inflates to 3 to 5 times its size: a first guess for output. */
    private static final int EXPECTED_RATIO = 4;

    private final boolean contextTakeover;
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
    private byte[] piece;
    private ByteBuffer pieceView;

    /**
     * Creates the receiving half.
     *
     * @param contextTakeover whether the peer's messages may refer to the ones it sent before
     */
    PerMessageDeflateDecompressor(boolean contextTakeover) {
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
            startMessage(compressed.remaining());
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

    /** Frees the native memory and the output buffer; later calls do nothing. */
    void release() {
        released = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        piece = null;
        pieceView = null;
    }

    private void checkNotReleased() {
        if (released) {
            throw new IllegalStateException("permessage-deflate was released: the connection ended");
        }
    }

    private void startMessage(int compressedLength) {
        inMessage = true;
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        int expected = (int) Math.min(PerMessageDeflate.MAX_DECOMPRESSED_PIECE,
                (long) compressedLength * EXPECTED_RATIO);
        allocatePiece(Math.max(MIN_PIECE, Integer.highestOneBit(expected)));
    }

    private void endMessage() {
        inMessage = false;
        receivedData = false;
        lastOctets = 0;
        lastOctetCount = 0;
        piece = null;
        pieceView = null;
        if (inflater == null) {
            return;
        }
        if (!contextTakeover) {
            // §7.2.2: the peer starts each message with an empty window; keep nothing meanwhile.
            inflater.end();
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
        while (true) {
            int produced;
            try {
                produced = inflater.inflate(piece);
            } catch (DataFormatException e) {
                throw new WebSocketProtocolException(ProtocolError.INVALID_COMPRESSED_DATA,
                        "compressed message cannot be inflated: " + e.getMessage());
            }
            if (produced > 0) {
                pieceView.clear().limit(produced);
                sink.accept(pieceView);
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
            if (produced == piece.length && piece.length < PerMessageDeflate.MAX_DECOMPRESSED_PIECE) {
                allocatePiece(piece.length * 2); // this message inflates well: larger pieces
            }
        }
    }

    private void allocatePiece(int size) {
        piece = new byte[size];
        pieceView = ByteBuffer.wrap(piece);
    }
}
