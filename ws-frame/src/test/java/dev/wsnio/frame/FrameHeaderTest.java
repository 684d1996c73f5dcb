package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §5.2: how a header is laid out on the wire. */
class FrameHeaderTest {

    @ParameterizedTest
    @CsvSource({
        "0, 2", "1, 2", "125, 2",
        "126, 4", "127, 4", "65535, 4",
        "65536, 10", "65537, 10", "9223372036854775807, 10"})
    void lengthPicksTheShortestForm(long payloadLength, int headerLength) {
        assertEquals(headerLength, FrameHeader.length(payloadLength, false));
        assertEquals(headerLength + 4, FrameHeader.length(payloadLength, true));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 81 00", "125, 81 7D",
        "126, 81 7E 00 7E", "65535, 81 7E FF FF",
        "65536, 81 7F 00 00 00 00 00 01 00 00",
        "4294967296, 81 7F 00 00 00 01 00 00 00 00"})
    void writesSevenSixteenOrSixtyFourBitLengths(long payloadLength, String expectedHex) {
        ByteBuffer target = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
        FrameHeader.write(target, true, 0, Opcode.TEXT, payloadLength, false, 0);
        assertArrayEquals(Hex.bytes(expectedHex), written(target));
    }

    @Test
    void writesInNetworkByteOrderIntoALittleEndianBuffer() {
        ByteBuffer target = ByteBuffer.allocate(FrameHeader.MAX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        FrameHeader.write(target, true, 0, Opcode.BINARY, 0x1234, true, 0x0A0B0C0D);
        assertArrayEquals(Hex.bytes("82 FE 12 34 0A 0B 0C 0D"), written(target));

        ByteBuffer wide = ByteBuffer.allocateDirect(FrameHeader.MAX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        FrameHeader.write(wide, false, 0, Opcode.CONTINUATION, 0x0102030405L, true, 0x11223344);
        assertArrayEquals(Hex.bytes("00 FF 00 00 00 01 02 03 04 05 11 22 33 44"), written(wide));
    }

    @Test
    void writesFinRsvAndOpcodeIntoTheFirstByte() {
        ByteBuffer target = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
        FrameHeader.write(target, false, FrameHeader.RSV1 | FrameHeader.RSV3, Opcode.TEXT, 3, false, 0);
        assertArrayEquals(Hex.bytes("51 03"), written(target));
        target.clear();
        FrameHeader.write(target, true, FrameHeader.RSV2, Opcode.PONG, 0, false, 0);
        assertArrayEquals(Hex.bytes("AA 00"), written(target));
    }

    @Test
    void writesTheMaskBitAndKeyAfterTheLength() {
        ByteBuffer target = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
        FrameHeader.write(target, true, 0, Opcode.TEXT, 5, true, 0x37FA213D);
        assertArrayEquals(Hex.bytes("81 85 37 FA 21 3D"), written(target)); // RFC 6455 §5.7
    }

    @Test
    void writeStartsAtThePositionAndAdvancesItByTheHeaderLength() {
        ByteBuffer target = ByteBuffer.allocate(20);
        target.position(3);
        FrameHeader.write(target, true, 0, Opcode.PING, 300, true, 1);
        assertEquals(3 + FrameHeader.length(300, true), target.position());
        assertEquals((byte) 0x89, target.get(3));
    }

    @Test
    void recordWritesTheSameBytesAsThePrimitiveForm() {
        FrameHeader header = new FrameHeader(true, FrameHeader.RSV1, Opcode.BINARY, true, 0xCAFEBABE, 70000);
        ByteBuffer fromRecord = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
        header.writeTo(fromRecord);
        ByteBuffer fromPrimitive = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
        FrameHeader.write(fromPrimitive, true, FrameHeader.RSV1, Opcode.BINARY, 70000, true, 0xCAFEBABE);
        assertArrayEquals(written(fromPrimitive), written(fromRecord));
        assertEquals(14, header.length());
        assertEquals(14, fromRecord.position());
    }

    @Test
    void rejectsBitsOutsideTheReservedBits() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameHeader(true, 0x80, Opcode.TEXT, false, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameHeader(true, 0x01, Opcode.TEXT, false, 0, 0));
    }

    @Test
    void rejectsNegativeLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameHeader(true, 0, Opcode.TEXT, false, 0, -1));
    }

    private static byte[] written(ByteBuffer target) {
        ByteBuffer done = target.duplicate().flip();
        byte[] bytes = new byte[done.remaining()];
        done.get(bytes);
        return bytes;
    }
}
