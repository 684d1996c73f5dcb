package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.2 and §11.8: opcode values, control opcodes, reserved opcodes. */
class OpcodeTest {

    @Test
    void opcodesHaveTheirWireValues() {
        assertEquals(0x0, Opcode.CONTINUATION.code());
        assertEquals(0x1, Opcode.TEXT.code());
        assertEquals(0x2, Opcode.BINARY.code());
        assertEquals(0x8, Opcode.CLOSE.code());
        assertEquals(0x9, Opcode.PING.code());
        assertEquals(0xA, Opcode.PONG.code());
    }

    @Test
    void onlyCloseAndPingAndPongAreControlOpcodes() {
        assertTrue(Opcode.CLOSE.isControl());
        assertTrue(Opcode.PING.isControl());
        assertTrue(Opcode.PONG.isControl());
        assertFalse(Opcode.CONTINUATION.isControl());
        assertFalse(Opcode.TEXT.isControl());
        assertFalse(Opcode.BINARY.isControl());
    }

    @ParameterizedTest
    @EnumSource(Opcode.class)
    void fromCodeFindsEveryDefinedOpcode(Opcode opcode) {
        assertSame(opcode, Opcode.fromCode(opcode.code()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesHaveNoConstant(int code) {
        assertNull(Opcode.fromCode(code));
    }

    @Test
    void fromCodeReadsOnlyTheLowFourBits() {
        assertSame(Opcode.TEXT, Opcode.fromCode(0x81));
        assertSame(Opcode.CLOSE, Opcode.fromCode(0xF8));
    }
}
