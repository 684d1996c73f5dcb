package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §7.4: which close codes may appear on the wire. */
class CloseCodeTest {

    private static final Set<Integer> LOCAL_ONLY = Set.of(1004, 1005, 1006, 1015);

    @ParameterizedTest
    @ValueSource(ints = {1004, 1005, 1006, 1015})
    void localOnlyCodesAreNeverValidOnTheWire(int code) {
        assertFalse(CloseCode.isValidOnWire(code));
        assertTrue(CloseCode.isLocalOnly(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014})
    void registeredProtocolCodesAreValidOnTheWire(int code) {
        assertTrue(CloseCode.isValidOnWire(code));
        assertFalse(CloseCode.isLocalOnly(code));
    }

    @Test
    void unregisteredCodesFrom1016To2999AreInvalid() {
        for (int code = 1016; code <= 2999; code++) {
            assertFalse(CloseCode.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void everyCodeFrom3000To4999IsValid() {
        for (int code = 3000; code <= 4999; code++) {
            assertTrue(CloseCode.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void codesBelow1000AreInvalid() {
        for (int code = -1; code <= 999; code++) {
            assertFalse(CloseCode.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void codesFrom5000UpAreInvalid() {
        for (int code = 5000; code <= 0xFFFF; code++) {
            assertFalse(CloseCode.isValidOnWire(code), "code " + code);
        }
        assertFalse(CloseCode.isValidOnWire(Integer.MAX_VALUE));
    }

    @Test
    void onlyTheFourReservedCodesAreLocalOnly() {
        for (int code = 0; code <= 0xFFFF; code++) {
            assertEquals(LOCAL_ONLY.contains(code), CloseCode.isLocalOnly(code), "code " + code);
        }
    }

    @Test
    void constantsHaveTheirRegisteredValues() {
        assertEquals(1000, CloseCode.NORMAL_CLOSURE);
        assertEquals(1001, CloseCode.GOING_AWAY);
        assertEquals(1002, CloseCode.PROTOCOL_ERROR);
        assertEquals(1003, CloseCode.UNSUPPORTED_DATA);
        assertEquals(1004, CloseCode.RESERVED);
        assertEquals(1005, CloseCode.NO_STATUS_RECEIVED);
        assertEquals(1006, CloseCode.ABNORMAL_CLOSURE);
        assertEquals(1007, CloseCode.INVALID_PAYLOAD_DATA);
        assertEquals(1008, CloseCode.POLICY_VIOLATION);
        assertEquals(1009, CloseCode.MESSAGE_TOO_BIG);
        assertEquals(1010, CloseCode.MANDATORY_EXTENSION);
        assertEquals(1011, CloseCode.INTERNAL_ERROR);
        assertEquals(1012, CloseCode.SERVICE_RESTART);
        assertEquals(1013, CloseCode.TRY_AGAIN_LATER);
        assertEquals(1014, CloseCode.BAD_GATEWAY);
        assertEquals(1015, CloseCode.TLS_HANDSHAKE);
    }

    @Test
    void describeNamesRegisteredCodesAndRanges() {
        assertEquals("normal closure", CloseCode.describe(1000));
        assertEquals("no status received", CloseCode.describe(1005));
        assertEquals("registered library code", CloseCode.describe(3000));
        assertEquals("application code", CloseCode.describe(4999));
        assertEquals("invalid code", CloseCode.describe(999));
        assertEquals("invalid code", CloseCode.describe(2000));
        assertEquals("invalid code", CloseCode.describe(5000));
    }

    @Test
    void everyProtocolErrorClosesWithACodeThatMayBeSent() {
        for (ProtocolError error : ProtocolError.values()) {
            assertTrue(CloseCode.isValidOnWire(error.closeCode()), error.name());
            assertTrue(error.reason().length() <= CloseBody.MAX_REASON_BYTES, error.name());
        }
    }
}
