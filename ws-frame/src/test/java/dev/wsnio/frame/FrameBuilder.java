package dev.wsnio.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes raw frames for tests, byte by byte and independently of the production encoder, so that
 * it can also write frames that break the rules: reserved opcodes and bits, non-minimal length
 * encodings, lengths that do not match the payload, fragmented control frames.
 */
final class FrameBuilder {

    /** How the payload length is written (RFC 6455 §5.2). */
    enum LengthForm {
        /** The shortest form that fits: 7, 7+16 or 7+64 bits. */
        MINIMAL,
        /** Marker 126 and a 16-bit length, whatever the length. */
        BITS_16,
        /** Marker 127 and a 64-bit length, whatever the length. */
        BITS_64
    }

    /** The masking key of the RFC's examples (§5.7), used when a frame is masked for a server. */
    static final int DEFAULT_MASK_KEY = 0x37FA213D;

    private final int opcode;
    private boolean fin = true;
    private int rsv;
    private byte[] payload = new byte[0];
    private boolean masked;
    private int maskKey;
    private LengthForm lengthForm = LengthForm.MINIMAL;
    private boolean lengthDeclared;
    private long declaredLength;

    private FrameBuilder(int opcode) {
        this.opcode = opcode;
    }

    /** A final, unmasked frame with the given opcode and no payload. */
    static FrameBuilder frame(Opcode opcode) {
        return new FrameBuilder(opcode.code());
    }

    /** A frame with any 4-bit opcode value, reserved ones included. */
    static FrameBuilder rawOpcode(int code) {
        return new FrameBuilder(code);
    }

    /** A final text frame. */
    static FrameBuilder text(String text) {
        return frame(Opcode.TEXT).payload(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final text frame carrying raw bytes (possibly not UTF-8). */
    static FrameBuilder text(byte[] bytes) {
        return frame(Opcode.TEXT).payload(bytes);
    }

    /** A final binary frame. */
    static FrameBuilder binary(byte[] bytes) {
        return frame(Opcode.BINARY).payload(bytes);
    }

    /** A final continuation frame of text. */
    static FrameBuilder continuation(String text) {
        return frame(Opcode.CONTINUATION).payload(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final continuation frame. */
    static FrameBuilder continuation(byte[] bytes) {
        return frame(Opcode.CONTINUATION).payload(bytes);
    }

    /** A ping with text application data. */
    static FrameBuilder ping(String data) {
        return frame(Opcode.PING).payload(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A pong with text application data. */
    static FrameBuilder pong(String data) {
        return frame(Opcode.PONG).payload(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code and reason, encoded by hand (§5.5.1). */
    static FrameBuilder close(int code, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + reasonBytes.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, body, 2, reasonBytes.length);
        return frame(Opcode.CLOSE).payload(body);
    }

    /** A close frame without a body. */
    static FrameBuilder emptyClose() {
        return frame(Opcode.CLOSE);
    }

    /** {@code length} bytes of a recognisable, non-repeating-every-4 pattern. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251 + 7);
        }
        return bytes;
    }

    /** Concatenates byte arrays, e.g. several frames into one input. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    FrameBuilder fin(boolean value) {
        this.fin = value;
        return this;
    }

    /** Clears FIN: the frame is a non-final fragment. */
    FrameBuilder notFinal() {
        return fin(false);
    }

    FrameBuilder rsv(int bits) {
        this.rsv = bits;
        return this;
    }

    FrameBuilder payload(byte[] bytes) {
        this.payload = bytes.clone();
        return this;
    }

    /** Masks the payload with this key and sets the MASK bit. */
    FrameBuilder masked(int key) {
        this.masked = true;
        this.maskKey = key;
        return this;
    }

    /** Masks the frame with {@link #DEFAULT_MASK_KEY} when the receiver requires masked frames. */
    FrameBuilder maskedFor(Role receiver) {
        if (receiver.expectsMaskedIncoming() && !masked) {
            masked(DEFAULT_MASK_KEY);
        }
        return this;
    }

    FrameBuilder lengthForm(LengthForm form) {
        this.lengthForm = form;
        return this;
    }

    /** Writes this length in the header instead of the payload's (the payload is written as is). */
    FrameBuilder declaredLength(long length) {
        this.lengthDeclared = true;
        this.declaredLength = length;
        return this;
    }

    /** The frame as the decoder should report it. */
    DecodedFrame expected() {
        return new DecodedFrame(fin, rsv, Opcode.fromCode(opcode), payload);
    }

    /** The header bytes only. */
    byte[] header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv | (opcode & 0x0F));
        long length = lengthDeclared ? declaredLength : payload.length;
        int maskBit = masked ? 0x80 : 0;
        LengthForm form = lengthForm;
        if (form == LengthForm.MINIMAL) {
            form = length >= 0 && length <= 125 ? null
                    : length >= 0 && length <= 0xFFFF ? LengthForm.BITS_16 : LengthForm.BITS_64;
        }
        if (form == null) {
            out.write(maskBit | (int) length);
        } else if (form == LengthForm.BITS_16) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8) & 0xFF);
            out.write((int) length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((maskKey >>> shift) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** The payload as it goes on the wire: masked byte by byte when the frame is masked. */
    byte[] payloadOnWire() {
        byte[] wire = payload.clone();
        if (masked) {
            for (int i = 0; i < wire.length; i++) {
                wire[i] ^= (byte) (maskKey >>> (24 - 8 * (i % 4)));
            }
        }
        return wire;
    }

    /** The whole frame: header and payload. */
    byte[] bytes() {
        return concat(header(), payloadOnWire());
    }
}
