package dev.wsnio.frame;

import static dev.wsnio.frame.FrameBuilder.binary;
import static dev.wsnio.frame.FrameBuilder.concat;
import static dev.wsnio.frame.FrameBuilder.continuation;
import static dev.wsnio.frame.FrameBuilder.frame;
import static dev.wsnio.frame.FrameBuilder.pattern;
import static dev.wsnio.frame.FrameBuilder.ping;
import static dev.wsnio.frame.FrameBuilder.rawOpcode;
import static dev.wsnio.frame.FrameBuilder.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.FrameBuilder.LengthForm;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.1, §5.2 and §5.5 as the incremental {@link FrameDecoder} enforces them. */
class FrameDecoderTest {

    private static final long MAX_FRAME = 1 << 20;

    private final RecordingFrameHandler handler = new RecordingFrameHandler();

    // ---------------------------------------------------------------- masking direction (§5.1)

    @Test
    void serverRejectsUnmaskedFrame() {
        WebSocketProtocolException e = assertRejected(Role.SERVER, text("hi").bytes());
        assertEquals(ProtocolError.UNMASKED_CLIENT_FRAME, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void serverRejectsUnmaskedControlFrame() {
        assertEquals(ProtocolError.UNMASKED_CLIENT_FRAME, assertRejected(Role.SERVER, ping("").bytes()).error());
    }

    @Test
    void clientRejectsMaskedFrame() {
        WebSocketProtocolException e = assertRejected(Role.CLIENT, text("hi").masked(1).bytes());
        assertEquals(ProtocolError.MASKED_SERVER_FRAME, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void serverUnmasksMaskedPayload() throws Exception {
        decode(Role.SERVER, text("Hello").masked(0x37FA213D).bytes());
        assertEquals(List.of(text("Hello").expected()), handler.frames);
    }

    @Test
    void clientAcceptsUnmaskedFrame() throws Exception {
        decode(Role.CLIENT, text("Hello").bytes());
        assertEquals(List.of(text("Hello").expected()), handler.frames);
    }

    // ---------------------------------------------------------------- reserved bits (§5.2)

    @ParameterizedTest
    @MethodSource("rsvBitsAndRoles")
    void rejectsEachReservedBitWhenNoExtensionAllowsIt(int rsv, Role role) {
        WebSocketProtocolException e = assertRejected(role, binary(pattern(3)).rsv(rsv).maskedFor(role).bytes());
        assertEquals(ProtocolError.RESERVED_BITS_SET, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @ParameterizedTest
    @MethodSource("rsvBitsAndRoles")
    void rejectsAReservedBitOtherThanTheAllowedOnes(int rsv, Role role) {
        FrameDecoder decoder = new FrameDecoder(role, MAX_FRAME);
        decoder.allowReservedBits((FrameHeader.RSV1 | FrameHeader.RSV2 | FrameHeader.RSV3) & ~rsv);
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(binary(pattern(3)).rsv(rsv).maskedFor(role).bytes()), handler));
        assertEquals(ProtocolError.RESERVED_BITS_SET, e.error());
    }

    @ParameterizedTest
    @MethodSource("rsvBitsAndRoles")
    void acceptsAReservedBitOnADataFrameWhenAllowed(int rsv, Role role) throws Exception {
        FrameDecoder decoder = new FrameDecoder(role, MAX_FRAME);
        decoder.allowReservedBits(rsv);
        decoder.decode(ByteBuffer.wrap(text("x").rsv(rsv).maskedFor(role).bytes()), handler);
        assertEquals(List.of(text("x").rsv(rsv).expected()), handler.frames);
    }

    @ParameterizedTest
    @EnumSource(value = Opcode.class, names = {"CLOSE", "PING", "PONG", "CONTINUATION"})
    void rejectsRsv1OnControlOrContinuationFrameEvenWhenAllowed(Opcode opcode) {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        decoder.allowReservedBits(FrameHeader.RSV1);
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(frame(opcode).rsv(FrameHeader.RSV1).bytes()), handler));
        assertEquals(ProtocolError.COMPRESSED_BIT_MISPLACED, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void acceptsRsv1OnTheFirstFrameOfAFragmentedMessageWhenAllowed() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        decoder.allowReservedBits(FrameHeader.RSV1);
        decoder.decode(ByteBuffer.wrap(concat(binary(pattern(2)).rsv(FrameHeader.RSV1).notFinal().bytes(),
                continuation(pattern(2)).bytes())), handler);
        assertEquals(2, handler.frames.size());
        assertEquals(FrameHeader.RSV1, handler.frames.get(0).rsv());
    }

    // ---------------------------------------------------------------- opcodes (§5.2)

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void rejectsReservedOpcodes(int code) {
        for (Role role : Role.values()) {
            WebSocketProtocolException e = assertRejected(role, rawOpcode(code).maskedFor(role).bytes());
            assertEquals(ProtocolError.RESERVED_OPCODE, e.error());
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
    }

    // ---------------------------------------------------------------- control frames (§5.5)

    @ParameterizedTest
    @EnumSource(value = Opcode.class, names = {"CLOSE", "PING", "PONG"})
    void rejectsControlFrameLongerThan125Bytes(Opcode opcode) {
        for (Role role : Role.values()) {
            WebSocketProtocolException e = assertRejected(role,
                    frame(opcode).payload(pattern(126)).maskedFor(role).bytes());
            assertEquals(ProtocolError.CONTROL_FRAME_TOO_LONG, e.error());
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
    }

    @Test
    void rejectsOversizedControlFrameFromItsHeaderAlone() {
        byte[] header = ping("").declaredLength(126).header();
        assertEquals(ProtocolError.CONTROL_FRAME_TOO_LONG, assertRejected(Role.CLIENT, header).error());
        assertEquals(0, handler.headers);
    }

    @ParameterizedTest
    @EnumSource(value = Opcode.class, names = {"PING", "PONG"})
    void acceptsControlFrameOf125Bytes(Opcode opcode) throws Exception {
        decode(Role.SERVER, frame(opcode).payload(pattern(125)).masked(7).bytes());
        assertEquals(List.of(frame(opcode).payload(pattern(125)).expected()), handler.frames);
    }

    @Test
    void acceptsControlFrameOf125BytesInSixteenBitForm() throws Exception {
        decode(Role.CLIENT, ping("").payload(pattern(125)).lengthForm(LengthForm.BITS_16).bytes());
        assertEquals(125, handler.frames.get(0).payload().length);
    }

    @ParameterizedTest
    @EnumSource(value = Opcode.class, names = {"CLOSE", "PING", "PONG"})
    void rejectsFragmentedControlFrame(Opcode opcode) {
        for (Role role : Role.values()) {
            WebSocketProtocolException e = assertRejected(role, frame(opcode).notFinal().maskedFor(role).bytes());
            assertEquals(ProtocolError.FRAGMENTED_CONTROL_FRAME, e.error());
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
    }

    // ---------------------------------------------------------------- lengths (§5.2)

    @Test
    void rejectsSixtyFourBitLengthWithTheTopBitSet() {
        for (Role role : Role.values()) {
            byte[] header = binary(new byte[0]).declaredLength(0x8000_0000_0000_0001L).maskedFor(role).header();
            WebSocketProtocolException e = assertRejected(role, header);
            assertEquals(ProtocolError.LENGTH_TOP_BIT_SET, e.error());
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
        assertEquals(ProtocolError.LENGTH_TOP_BIT_SET,
                assertRejected(Role.CLIENT, Hex.bytes("82 7F FF FF FF FF FF FF FF FF")).error());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 124, 125, 126, 127, 128, 65535, 65536, 65537, 100_000})
    void decodesLengthsAroundTheEncodingBoundaries(int length) throws Exception {
        for (Role role : Role.values()) {
            RecordingFrameHandler frames = new RecordingFrameHandler();
            FrameBuilder frame = binary(pattern(length)).maskedFor(role);
            new FrameDecoder(role, MAX_FRAME).decode(ByteBuffer.wrap(frame.bytes()), frames);
            assertEquals(List.of(frame.expected()), frames.frames, role + " length " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 125, 126, 65535})
    void acceptsNonMinimalLengthEncodings(int length) throws Exception {
        for (Role role : Role.values()) {
            FrameBuilder sixteen = binary(pattern(length)).lengthForm(LengthForm.BITS_16).maskedFor(role);
            FrameBuilder sixtyFour = binary(pattern(length)).lengthForm(LengthForm.BITS_64).maskedFor(role);
            RecordingFrameHandler frames = new RecordingFrameHandler();
            new FrameDecoder(role, MAX_FRAME).decode(ByteBuffer.wrap(concat(sixteen.bytes(), sixtyFour.bytes())), frames);
            assertEquals(List.of(sixteen.expected(), sixtyFour.expected()), frames.frames);
        }
    }

    @Test
    void reportsTheAnnouncedLengthInTheHeader() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        long[] announced = new long[1];
        decoder.decode(ByteBuffer.wrap(binary(new byte[0]).declaredLength(70_000).header()), new FrameHandler() {
            @Override
            public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength) {
                announced[0] = payloadLength;
            }

            @Override
            public void onFramePayload(ByteBuffer payload) {
            }

            @Override
            public void onFrameEnd() {
            }
        });
        assertEquals(70_000, announced[0]);
    }

    // ---------------------------------------------------------------- maxFrameSize

    @Test
    void rejectsFrameOverMaxFrameSizeFromTheHeaderBeforeThePayloadArrives() {
        for (Role role : Role.values()) {
            RecordingFrameHandler frames = new RecordingFrameHandler();
            FrameDecoder decoder = new FrameDecoder(role, 1000);
            ByteBuffer headerOnly = ByteBuffer.wrap(binary(new byte[0]).declaredLength(1001).maskedFor(role).header());
            WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                    () -> decoder.decode(headerOnly, frames));
            assertEquals(ProtocolError.FRAME_TOO_BIG, e.error());
            assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
            assertEquals(0, frames.headers, "the handler never saw the oversized frame");
        }
    }

    @Test
    void rejectsHugeAnnouncedLengthFromTheHeader() {
        byte[] header = binary(new byte[0]).declaredLength(Long.MAX_VALUE).header();
        assertEquals(ProtocolError.FRAME_TOO_BIG, assertRejected(Role.CLIENT, header).error());
    }

    @Test
    void maxFrameSizeAppliesToContinuationFrames() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 200);
        byte[] headerOnly = continuation(new byte[0]).declaredLength(201).header();
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(headerOnly), handler));
        assertEquals(ProtocolError.FRAME_TOO_BIG, e.error());
    }

    @Test
    void acceptsFrameOfExactlyMaxFrameSize() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1000);
        decoder.decode(ByteBuffer.wrap(binary(pattern(1000)).masked(99).bytes()), handler);
        assertEquals(List.of(binary(pattern(1000)).expected()), handler.frames);
    }

    @Test
    void maxFrameSizeBelow125IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(Role.SERVER, 124));
    }

    // ---------------------------------------------------------------- incremental input

    @ParameterizedTest
    @EnumSource(Role.class)
    void decodesEverySplitOfTheInputIntoTwoParts(Role role) throws Exception {
        List<FrameBuilder> frames = sampleStream(role);
        byte[] wire = wire(frames);
        for (int cut = 0; cut <= wire.length; cut++) {
            RecordingFrameHandler split = new RecordingFrameHandler();
            FrameDecoder decoder = new FrameDecoder(role, MAX_FRAME);
            byte[] input = wire.clone(); // unmasked in place
            decoder.decode(ByteBuffer.wrap(input, 0, cut).slice(), split);
            decoder.decode(ByteBuffer.wrap(input, cut, input.length - cut).slice(), split);
            assertEquals(expected(frames), split.frames, "cut at " + cut);
            assertTrue(decoder.isAtFrameBoundary());
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void decodesTheInputInChunksOfEverySizeDownToOneByte(Role role) throws Exception {
        List<FrameBuilder> frames = sampleStream(role);
        byte[] wire = wire(frames);
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            RecordingFrameHandler chunked = new RecordingFrameHandler();
            FrameDecoder decoder = new FrameDecoder(role, MAX_FRAME);
            for (int at = 0; at < wire.length; at += chunk) {
                ByteBuffer input = ByteBuffer.wrap(wire.clone(), at, Math.min(chunk, wire.length - at));
                decoder.decode(input, chunked);
                assertFalse(input.hasRemaining(), "decode consumes its whole input");
            }
            assertEquals(expected(frames), chunked.frames, "chunks of " + chunk);
        }
    }

    @Test
    void handsPayloadOnInSlicesNoBiggerThanTheInputThatBroughtThem() throws Exception {
        byte[] payload = pattern(1000);
        byte[] wire = binary(payload).masked(0x01020304).bytes(); // 8-byte header
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, MAX_FRAME);
        int[] cuts = {0, 5, 8, 9, 15, 16, 17, 500, 997, 1007, 1008};
        for (int i = 0; i + 1 < cuts.length; i++) {
            decoder.decode(ByteBuffer.wrap(wire, cuts[i], cuts[i + 1] - cuts[i]), handler);
        }
        assertEquals(List.of(1, 6, 1, 1, 483, 497, 10, 1), handler.sliceSizes);
        assertEquals(List.of(binary(payload).expected()), handler.frames);
    }

    @Test
    void payloadSliceIsAViewOfTheInputUnmaskedInPlace() throws Exception {
        byte[] wire = binary(pattern(40)).masked(0x0BADF00D).bytes();
        ByteBuffer input = ByteBuffer.wrap(wire);
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, MAX_FRAME);
        decoder.decode(input, handler);
        assertSame(input, handler.sliceBuffers.get(0));
        byte[] unmaskedInPlace = new byte[40];
        System.arraycopy(wire, 6, unmaskedInPlace, 0, 40);
        assertArrayEquals(pattern(40), unmaskedInPlace);
    }

    @Test
    void restoresPositionAndLimitAfterHandingOnASlice() throws Exception {
        byte[] wire = concat(binary(pattern(10)).bytes(), binary(pattern(3)).bytes());
        ByteBuffer input = ByteBuffer.wrap(wire);
        new FrameDecoder(Role.CLIENT, MAX_FRAME).decode(input, handler); // handler reads each slice
        assertEquals(wire.length, input.position());
        assertEquals(wire.length, input.limit());
        assertEquals(List.of(binary(pattern(10)).expected(), binary(pattern(3)).expected()), handler.frames);
    }

    @Test
    void neverReadsPastTheInputLimit() throws Exception {
        byte[] frame = binary(pattern(20)).bytes();
        byte[] bytes = concat(frame, Hex.bytes("FF FF FF FF")); // garbage past the limit
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, 12); // header and 10 payload bytes
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        decoder.decode(input, handler);
        assertEquals(List.of(10), handler.sliceSizes);
        assertEquals(12, input.position());
        input.limit(frame.length);
        decoder.decode(input, handler);
        assertEquals(List.of(binary(pattern(20)).expected()), handler.frames);
        assertTrue(decoder.isAtFrameBoundary());
    }

    @Test
    void emptyFrameEndsAsSoonAsItsHeaderIsComplete() throws Exception {
        new FrameDecoder(Role.CLIENT, MAX_FRAME).decode(ByteBuffer.wrap(binary(new byte[0]).bytes()), handler);
        assertEquals(List.of(binary(new byte[0]).expected()), handler.frames);
        assertTrue(handler.sliceSizes.isEmpty());
    }

    @Test
    void tracksWhetherItIsAtAFrameBoundary() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        byte[] wire = binary(pattern(300)).bytes(); // 4-byte header
        assertTrue(decoder.isAtFrameBoundary());
        decoder.decode(ByteBuffer.wrap(wire, 0, 3), handler);
        assertFalse(decoder.isAtFrameBoundary(), "inside a header");
        decoder.decode(ByteBuffer.wrap(wire, 3, 100), handler);
        assertFalse(decoder.isAtFrameBoundary(), "inside a payload");
        decoder.decode(ByteBuffer.wrap(wire, 103, wire.length - 103), handler);
        assertTrue(decoder.isAtFrameBoundary());
    }

    // ---------------------------------------------------------------- after a failure

    @Test
    void discardsTheRestOfTheInputAfterAFailure() {
        ByteBuffer input = ByteBuffer.wrap(concat(rawOpcode(0x3).bytes(), text("after").bytes()));
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        assertThrows(WebSocketProtocolException.class, () -> decoder.decode(input, handler));
        assertFalse(input.hasRemaining());
        assertTrue(decoder.hasFailed());
        assertTrue(handler.frames.isEmpty());
    }

    @Test
    void discardsAllLaterInputAfterAFailure() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, MAX_FRAME);
        assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(text("unmasked").bytes()), handler));
        ByteBuffer later = ByteBuffer.wrap(text("masked").masked(5).bytes());
        decoder.decode(later, handler); // no second exception
        assertFalse(later.hasRemaining());
        assertTrue(handler.frames.isEmpty());
        assertEquals(0, handler.headers);
    }

    @Test
    void aViolationMidStreamStopsAfterTheFramesBeforeIt() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        ByteBuffer input = ByteBuffer.wrap(concat(text("one").bytes(), ping("").notFinal().bytes(), text("two").bytes()));
        assertThrows(WebSocketProtocolException.class, () -> decoder.decode(input, handler));
        assertEquals(List.of(text("one").expected()), handler.frames);
        assertFalse(input.hasRemaining());
    }

    @Test
    void anExceptionFromTheHandlerFailsTheDecoder() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        List<Opcode> seen = new ArrayList<>();
        FrameHandler rejecting = new FrameHandler() {
            @Override
            public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength)
                    throws WebSocketProtocolException {
                seen.add(opcode);
                throw new WebSocketProtocolException(ProtocolError.UNEXPECTED_CONTINUATION, "test");
            }

            @Override
            public void onFramePayload(ByteBuffer payload) {
            }

            @Override
            public void onFrameEnd() {
            }
        };
        ByteBuffer input = ByteBuffer.wrap(concat(continuation("x").bytes(), text("y").bytes()));
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(input, rejecting));
        assertEquals(ProtocolError.UNEXPECTED_CONTINUATION, e.error());
        assertTrue(decoder.hasFailed());
        decoder.decode(ByteBuffer.wrap(text("z").bytes()), rejecting);
        assertEquals(List.of(Opcode.CONTINUATION), seen);
    }

    @Test
    void discardRemainingInputStopsDecodingMidInput() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, MAX_FRAME);
        List<String> seen = new ArrayList<>();
        FrameHandler stopping = new FrameHandler() {
            @Override
            public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength) {
                seen.add(opcode.name());
            }

            @Override
            public void onFramePayload(ByteBuffer payload) {
                decoder.discardRemainingInput();
            }

            @Override
            public void onFrameEnd() {
                seen.add("end");
            }
        };
        ByteBuffer input = ByteBuffer.wrap(concat(FrameBuilder.close(1000, "").bytes(), text("after").bytes()));
        decoder.decode(input, stopping);
        assertEquals(List.of("CLOSE"), seen);
        assertFalse(input.hasRemaining());
    }

    // ---------------------------------------------------------------- helpers

    static Stream<Arguments> rsvBitsAndRoles() {
        List<Arguments> cases = new ArrayList<>();
        for (int rsv : new int[] {FrameHeader.RSV1, FrameHeader.RSV2, FrameHeader.RSV3}) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(rsv, role));
            }
        }
        return cases.stream();
    }

    /** Frames of every kind and length form, including a control frame between fragments. */
    private static List<FrameBuilder> sampleStream(Role receiver) {
        List<FrameBuilder> frames = List.of(
                text("Hello"),
                binary(new byte[0]),
                text("frag").notFinal(),
                ping("ping!"),
                continuation(pattern(130)).notFinal(),
                continuation("end"),
                binary(pattern(7)).lengthForm(LengthForm.BITS_64),
                FrameBuilder.pong(""),
                FrameBuilder.close(1000, "bye"));
        if (receiver.expectsMaskedIncoming()) {
            for (int i = 0; i < frames.size(); i++) {
                frames.get(i).masked(0x01020304 * (i + 1)); // a different key per frame
            }
        }
        return frames;
    }

    private static byte[] wire(List<FrameBuilder> frames) {
        byte[][] parts = new byte[frames.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = frames.get(i).bytes();
        }
        return concat(parts);
    }

    private static List<DecodedFrame> expected(List<FrameBuilder> frames) {
        List<DecodedFrame> expected = new ArrayList<>();
        for (FrameBuilder frame : frames) {
            expected.add(frame.expected());
        }
        return expected;
    }

    private void decode(Role role, byte[] wire) throws WebSocketProtocolException {
        new FrameDecoder(role, MAX_FRAME).decode(ByteBuffer.wrap(wire), handler);
    }

    private WebSocketProtocolException assertRejected(Role role, byte[] wire) {
        FrameDecoder decoder = new FrameDecoder(role, MAX_FRAME);
        ByteBuffer input = ByteBuffer.wrap(wire);
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> decoder.decode(input, handler));
        assertTrue(decoder.hasFailed());
        assertFalse(input.hasRemaining(), "the rejected input is discarded");
        return e;
    }
}
