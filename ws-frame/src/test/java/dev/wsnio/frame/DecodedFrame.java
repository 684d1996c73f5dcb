package dev.wsnio.frame;

import java.util.Arrays;

/**
 * A frame as a test sees it after decoding: its header bits and its whole (unmasked) payload.
 *
 * @param fin the FIN bit
 * @param rsv the reserved bits as they sit in the first byte
 * @param opcode the opcode
 * @param payload the payload bytes
 */
record DecodedFrame(boolean fin, int rsv, Opcode opcode, byte[] payload) {

    DecodedFrame {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedFrame that && fin == that.fin && rsv == that.rsv
                && opcode == that.opcode && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + opcode.hashCode() + rsv + (fin ? 1 : 0);
    }

    @Override
    public String toString() {
        String shown = payload.length <= 32 ? Hex.of(payload) : payload.length + " bytes";
        return (fin ? "" : "non-final ") + opcode + (rsv != 0 ? " rsv=0x" + Integer.toHexString(rsv) : "")
                + " [" + shown + "]";
    }
}
