package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * A stand-in for a compression extension, to test how the session and the assembler use one:
 * "decompression" repeats every byte {@code factor} times (so small input can grow large, like a
 * compression bomb) and hands the output on in pieces of at most 16 bytes; "compression" leaves
 * the bytes as they are. It counts how often a message was finished and the state released.
 */
final class RepeatingCompression implements MessageCompression {

    private static final int PIECE = 16;

    private final int factor;
    private final boolean compressOutgoing;
    /** How many times {@link #finishMessage} was called. */
    int finishedMessages;
    /** How many times {@link #release} was called. */
    int releases;

    RepeatingCompression(int factor, boolean compressOutgoing) {
        this.factor = factor;
        this.compressOutgoing = compressOutgoing;
    }

    @Override
    public boolean shouldCompress(MessageType type, int length) {
        return compressOutgoing;
    }

    @Override
    public ByteBuffer compress(ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        return copy;
    }

    @Override
    public void decompress(ByteBuffer compressed, DecompressedSink sink) throws WebSocketProtocolException {
        byte[] piece = new byte[PIECE];
        int filled = 0;
        while (compressed.hasRemaining()) {
            byte b = compressed.get();
            for (int i = 0; i < factor; i++) {
                piece[filled++] = b;
                if (filled == PIECE) {
                    sink.accept(ByteBuffer.wrap(piece, 0, filled));
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            sink.accept(ByteBuffer.wrap(piece, 0, filled));
        }
    }

    @Override
    public void finishMessage(DecompressedSink sink) {
        finishedMessages++;
    }

    @Override
    public void release() {
        releases++;
    }
}
