package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * A heap array kept once per thread (an event loop) and lent to the sessions that thread serves:
 * a whole text message that arrives in a direct buffer (a socket's read buffer) is copied into
 * it, validated as UTF-8 there and delivered from it. A transport that turns text into strings
 * needs the bytes on the heap anyway ({@code new String} reads arrays), and the
 * {@link Utf8Validator} is fastest on arrays (on Java 17 it reads a direct buffer's ASCII
 * slower than the JDK's decoder, an array's faster): so the copy that was to be made after
 * validation is made before it, into memory that is reused rather than allocated per message.
 *
 * <p>What it lends is valid during the listener's call only, like the read buffer it replaces.
 * It grows to the largest such message, at most {@value #MAX_SIZE} bytes (a whole message in a
 * direct buffer comes from one read, and a loop reads at most 64 KiB at once); a larger message
 * is validated where it is. Not thread-safe: one per thread.
 */
public final class TextWorkspace {

    /** The largest message copied here. */
    public static final int MAX_SIZE = 64 * 1024;

    private byte[] array = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(array);

    /** Creates an empty workspace; it grows with the messages it takes. */
    public TextWorkspace() {
    }

    /**
     * Whether a message of this size is copied here.
     *
     * @param size the message's length in bytes
     * @return true up to {@link #MAX_SIZE}
     */
    boolean fits(int size) {
        return size <= MAX_SIZE;
    }

    /**
     * Copies bytes into the workspace (the source's position is unchanged).
     *
     * @param source the bytes between position and limit, at most {@link #MAX_SIZE}
     * @return a view of the copy, array-backed, valid until the next copy
     */
    ByteBuffer copy(ByteBuffer source) {
        int length = source.remaining();
        if (length > array.length) {
            array = new byte[Math.min(MAX_SIZE, Math.max(length, 2 * array.length))];
            view = ByteBuffer.wrap(array);
        }
        source.get(source.position(), array, 0, length);
        return view.limit(length).position(0);
    }
}
