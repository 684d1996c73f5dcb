package dev.wsnio.examples.demo.inspector;

import dev.wsnio.examples.JsonObject;
import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.CloseCode;
import dev.wsnio.frame.FrameHeader;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Opcode;
import dev.wsnio.frame.WebSocketProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns what a {@link FrameTap} sees into the inspector's records, JSON objects of two kinds:
 * <ul>
 *   <li>{@code "frame"}, once a frame's payload is complete: direction, time, the header's bits
 *       and its bytes on the wire, the masking key, the length and its encoding, the first bytes
 *       of the payload on the wire and unmasked, and for a control frame its whole payload (a
 *       close frame's code, reason and the code's meaning);</li>
 *   <li>{@code "message"}, after the frames that carried a message: its type and size as the
 *       application sees it (inflated when it was compressed, with the size on the wire), and
 *       the start of its text.</li>
 * </ul>
 * Nothing is parsed a second time: every field comes from the codec's calls. One recorder
 * serves one session, on its thread.
 */
final class FrameRecorder implements FrameTap {

    /** How many payload bytes of a data frame a record shows. */
    static final int PREFIX_BYTES = 32;
    /** How many bytes of a message's text a record shows. */
    static final int TEXT_BYTES = 2048;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final Consumer<String> records;
    private final LongSupplier clock;
    private final Runnable attached;
    private final Frame[] frames = new Frame[2];
    private final Message[] messages = {new Message(), new Message()};
    private long sequence;

    /**
     * Creates a recorder.
     *
     * @param records receives each record's JSON, in wire order
     * @param clock the time in epoch milliseconds
     */
    FrameRecorder(Consumer<String> records, LongSupplier clock) {
        this(records, clock, () -> { });
    }

    /**
     * Creates a recorder that also says when it starts recording.
     *
     * @param records receives each record's JSON, in wire order
     * @param clock the time in epoch milliseconds
     * @param attached runs on the connection's thread when the tap takes effect, before the
     *     first record
     */
    FrameRecorder(Consumer<String> records, LongSupplier clock, Runnable attached) {
        this.records = records;
        this.clock = clock;
        this.attached = attached;
    }

    @Override
    public void onAttached() {
        attached.run();
    }

    @Override
    public void onFrameHeader(Direction direction, FrameHeader header, ByteBuffer wire) {
        Frame frame = new Frame(direction, header, wire, clock.getAsLong());
        frames[direction.ordinal()] = frame;
        Message message = messages[direction.ordinal()];
        if (header.opcode() == Opcode.TEXT || header.opcode() == Opcode.BINARY) {
            message.start((header.rsv() & FrameHeader.RSV1) != 0);
        }
        if (!header.opcode().isControl()) {
            message.wireSize += header.payloadLength();
        }
        if (header.payloadLength() == 0) {
            finish(frame);
        }
    }

    @Override
    public void onPayloadBeforeUnmasking(ByteBuffer masked) {
        frames[Direction.RECEIVED.ordinal()].onWire.take(masked);
    }

    @Override
    public void onFramePayload(Direction direction, ByteBuffer payload) {
        Frame frame = frames[direction.ordinal()];
        if (!frame.header.masked()) {
            // unmasked, the payload is on the wire as it is; a client's sent frames are masked
            // by its transport after the tap, so their wire bytes are not shown
            frame.onWire.take(payload);
        }
        frame.received += payload.remaining();
        frame.payload.take(payload);
        if (frame.received == frame.header.payloadLength()) {
            finish(frame);
        }
    }

    @Override
    public void onMessageData(Direction direction, MessageType type, ByteBuffer data, boolean last) {
        Message message = messages[direction.ordinal()];
        message.size += data.remaining();
        message.start.take(data);
        if (last) {
            JsonObject json = record("message", direction)
                    .field("messageType", type.name().toLowerCase(Locale.ROOT))
                    .field("size", message.size)
                    .field("compressed", message.compressed)
                    .field("wireSize", message.wireSize);
            if (type == MessageType.TEXT) {
                json.field("text", message.start.text());
                json.field("textComplete", message.size <= TEXT_BYTES);
            } else {
                json.field("hex", message.start.hex(PREFIX_BYTES));
            }
            records.accept(json.toString());
            message.reset();
        }
    }

    /**
     * Whether a frame's header was seen and its payload is not complete yet.
     *
     * @param direction which way
     * @return true while a frame is in progress
     */
    boolean hasUnfinishedFrame(Direction direction) {
        return frames[direction.ordinal()] != null;
    }

    private void finish(Frame frame) {
        FrameHeader header = frame.header;
        frames[frame.direction.ordinal()] = null;
        JsonObject json = record("frame", frame.direction)
                .field("time", frame.time)
                .field("fin", header.fin())
                .field("rsv1", (header.rsv() & FrameHeader.RSV1) != 0)
                .field("rsv2", (header.rsv() & FrameHeader.RSV2) != 0)
                .field("rsv3", (header.rsv() & FrameHeader.RSV3) != 0)
                .field("opcode", header.opcode().code())
                .field("opcodeName", header.opcode().name().toLowerCase(Locale.ROOT))
                .field("masked", header.masked())
                .field("length", header.payloadLength())
                .field("lengthEncoding", lengthEncoding(frame.wireHeader.length, header.masked()))
                .field("header", HEX.formatHex(frame.wireHeader))
                .field("payloadOnWire", frame.onWire.hex(frame.payload.limit))
                .field("payload", frame.payload.hex(frame.payload.limit));
        if (header.masked()) {
            json.field("maskKey", HEX.formatHex(ByteBuffer.allocate(4).putInt(header.maskKey()).array()));
        }
        if (header.opcode().isControl()) {
            frame.payload.utf8().ifPresent(text -> json.field("payloadText", text));
        }
        if (header.opcode() == Opcode.CLOSE) {
            describeClose(frame.payload.bytes(), json);
        }
        records.accept(json.toString());
    }

    private JsonObject record(String kind, Direction direction) {
        return new JsonObject().field("type", kind).field("seq", ++sequence)
                .field("dir", direction.name().toLowerCase(Locale.ROOT));
    }

    /** RFC 6455 §5.2: 7 bits up to 125, then marker 126 and 16 bits, or marker 127 and 64 bits. */
    private static String lengthEncoding(int headerLength, boolean masked) {
        return switch (headerLength - 2 - (masked ? 4 : 0)) {
            case 0 -> "7-bit";
            case 2 -> "16-bit";
            default -> "64-bit";
        };
    }

    private static void describeClose(byte[] body, JsonObject json) {
        try {
            CloseBody close = CloseBody.parse(ByteBuffer.wrap(body));
            if (close.isEmpty()) {
                json.field("closeMeaning", "no status code in the frame (reported as 1005, "
                        + CloseCode.describe(CloseCode.NO_STATUS_RECEIVED) + ")");
            } else {
                json.field("closeCode", close.code()).field("closeReason", close.reason())
                        .field("closeMeaning", CloseCode.describe(close.code()));
            }
        } catch (WebSocketProtocolException e) {
            json.field("closeMeaning", "invalid close frame: " + e.getMessage());
        }
    }

    /** One frame being recorded. */
    private static final class Frame {
        final Direction direction;
        final FrameHeader header;
        final byte[] wireHeader;
        final long time;
        final Prefix onWire;
        final Prefix payload;
        long received;

        Frame(Direction direction, FrameHeader header, ByteBuffer wire, long time) {
            this.direction = direction;
            this.header = header;
            this.wireHeader = new byte[wire.remaining()];
            wire.duplicate().get(wireHeader);
            this.time = time;
            // a control frame is short (at most 125 bytes, §5.5): keep all of it
            int keep = header.opcode().isControl() ? (int) header.payloadLength() : PREFIX_BYTES;
            this.onWire = new Prefix(keep);
            this.payload = new Prefix(keep);
        }
    }

    /** The message being received or sent in one direction. */
    private static final class Message {
        final Prefix start = new Prefix(TEXT_BYTES);
        boolean compressed;
        long size;
        long wireSize;

        void start(boolean compressed) {
            reset();
            this.compressed = compressed;
        }

        void reset() {
            start.clear();
            compressed = false;
            size = 0;
            wireSize = 0;
        }
    }

    /** The first bytes of a stream of slices, up to a limit. */
    private static final class Prefix {
        final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Prefix(int limit) {
            this.limit = limit;
        }

        void take(ByteBuffer slice) {
            int room = limit - bytes.size();
            if (room > 0) {
                int count = Math.min(room, slice.remaining());
                byte[] part = new byte[count];
                slice.duplicate().get(part);
                bytes.write(part, 0, count);
            }
        }

        void clear() {
            bytes.reset();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        String hex(int count) {
            byte[] all = bytes();
            return HEX.formatHex(all, 0, Math.min(count, all.length));
        }

        /** The bytes as text, a character cut at the end replaced (a prefix may split one). */
        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** The bytes as text when they are valid UTF-8 (a ping's data often is). */
        Optional<String> utf8() {
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .decode(ByteBuffer.wrap(bytes())).toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }
    }
}
