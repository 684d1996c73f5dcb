package dev.wsnio.testkit.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * A WebSocket frame as RFC 6455 §5.2 lays it out, built without any of the rules a real
 * endpoint enforces: any RSV bits, any opcode, any payload length, fragmented control frames.
 * The conformance cases use it to send exactly the bytes they mean, broken ones included.
 *
 * @param fin the FIN bit
 * @param rsv the RSV1–RSV3 bits, as they sit in the first byte (0x40, 0x20, 0x10)
 * @param opcode the 4-bit opcode
 * @param payload the unmasked payload
 */
public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

    /** §5.2 opcode 0x0: a continuation fragment. */
    public static final int CONTINUATION = 0x0;
    /** §5.2 opcode 0x1: text. */
    public static final int TEXT = 0x1;
    /** §5.2 opcode 0x2: binary. */
    public static final int BINARY = 0x2;
    /** §5.2 opcode 0x8: close. */
    public static final int CLOSE = 0x8;
    /** §5.2 opcode 0x9: ping. */
    public static final int PING = 0x9;
    /** §5.2 opcode 0xA: pong. */
    public static final int PONG = 0xA;

    /** The RSV bits in the first header byte. */
    /** RSV1 in the first header byte. */
    public static final int RSV1 = 0x40;
    /** RSV2 in the first header byte. */
    public static final int RSV2 = 0x20;
    /** RSV3 in the first header byte. */
    public static final int RSV3 = 0x10;

    /** A final text frame carrying {@code text} as UTF-8. */
    public static Frame text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final text frame carrying these bytes (valid UTF-8 or not). */
    public static Frame text(byte[] utf8) {
        return new Frame(true, 0, TEXT, utf8);
    }

    /** A final binary frame. */
    public static Frame binary(byte[] data) {
        return new Frame(true, 0, BINARY, data);
    }

    /** A final continuation frame. */
    public static Frame continuation(byte[] data) {
        return new Frame(true, 0, CONTINUATION, data);
    }

    /** A final continuation frame carrying {@code text} as UTF-8. */
    public static Frame continuation(String text) {
        return continuation(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A ping frame. */
    public static Frame ping(byte[] data) {
        return new Frame(true, 0, PING, data);
    }

    /** A ping frame carrying {@code data} as UTF-8. */
    public static Frame ping(String data) {
        return ping(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A pong frame. */
    public static Frame pong(byte[] data) {
        return new Frame(true, 0, PONG, data);
    }

    /** A close frame with a status code and reason (§5.5.1). */
    public static Frame close(int code, String reason) {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code and raw reason bytes (which may be invalid UTF-8). */
    public static Frame close(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return closeBody(body);
    }

    /** A close frame with any body, even one that is not a valid close body. */
    public static Frame closeBody(byte[] body) {
        return new Frame(true, 0, CLOSE, body);
    }

    /** This frame with FIN cleared: the first or a middle fragment. */
    public Frame notFinal() {
        return new Frame(false, rsv, opcode, payload);
    }

    /** This frame with other RSV bits. */
    public Frame withRsv(int bits) {
        return new Frame(fin, bits, opcode, payload);
    }

    /** This frame with another opcode. */
    public Frame withOpcode(int code) {
        return new Frame(fin, rsv, code, payload);
    }

    /** Whether this is a control frame (§5.5: opcodes with the high bit set). */
    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** The status code of a close frame, or 1005 when its body is empty (§7.1.5). */
    public int closeCode() {
        return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : 1005;
    }

    /**
     * Encodes the frame with the shortest length form (§5.2).
     *
     * @param maskKeys where masking keys come from, or null to send unmasked
     * @return the frame's bytes
     */
    public byte[] encode(Random maskKeys) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        boolean masked = maskKeys != null;
        byte[] out = new byte[2 + lengthBytes + (masked ? 4 : 0) + length];
        out[0] = (byte) ((fin ? 0x80 : 0) | (rsv & 0x70) | (opcode & 0x0F));
        int maskBit = masked ? 0x80 : 0;
        int at = 2;
        if (lengthBytes == 0) {
            out[1] = (byte) (maskBit | length);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (maskBit | 126);
            out[at++] = (byte) (length >>> 8);
            out[at++] = (byte) length;
        } else {
            out[1] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[at++] = (byte) ((long) length >>> shift);
            }
        }
        if (!masked) {
            System.arraycopy(payload, 0, out, at, length);
            return out;
        }
        byte[] key = new byte[4];
        maskKeys.nextBytes(key);
        System.arraycopy(key, 0, out, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            out[at + i] = (byte) (payload[i] ^ key[i & 3]); // §5.3
        }
        return out;
    }

    /** Frames are equal when all their fields are: the payload by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && fin == frame.fin && rsv == frame.rsv
                && opcode == frame.opcode && Arrays.equals(payload, frame.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + opcode;
    }

    /** For failure messages: the header fields and the start of the payload in hex. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(opcodeName(opcode));
        text.append(fin ? " fin" : " no-fin");
        if (rsv != 0) {
            text.append(" rsv=0x").append(Integer.toHexString(rsv));
        }
        text.append(" len=").append(payload.length);
        if (opcode == CLOSE && payload.length >= 2) {
            text.append(" code=").append(closeCode());
        }
        text.append(" [");
        for (int i = 0; i < Math.min(payload.length, 24); i++) {
            text.append(String.format("%02x", payload[i]));
        }
        return text.append(payload.length > 24 ? "...]" : "]").toString();
    }

    private static String opcodeName(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "CONTINUATION";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "OPCODE-0x" + Integer.toHexString(opcode);
        };
    }
}
