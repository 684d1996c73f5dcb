package dev.wsnio.examples.demo.inspector;

import dev.wsnio.examples.JsonObject;
import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.CloseCode;
import dev.wsnio.frame.FrameSink;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.handshake.HttpStatus;
import dev.wsnio.server.HttpHandler;
import dev.wsnio.server.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The frame playground: {@code POST /playground} with bytes written in hex, as a client would
 * send them after the handshake; the server runs them through a fresh {@link WebSocketSession} in
 * its own role (no connection involved) and answers, as JSON, the frames its decoder read, what
 * it would send back (a pong, a close frame) and the protocol error with its close code, if any.
 * It shows what a browser never sends: unmasked frames, reserved opcodes, oversized or fragmented
 * control frames, invalid UTF-8, close codes that may not appear on the wire.
 *
 * <p>Bounded: at most {@link #MAX_BYTES} bytes per request, and a few requests per second for
 * the whole server (429 beyond).
 */
public final class FramePlayground implements HttpHandler {

    /** The most bytes one request may hold. */
    public static final int MAX_BYTES = 4096;
    private static final SessionConfig CONFIG = SessionConfig.DEFAULTS
            .withMaxFrameSize(MAX_BYTES).withMaxMessageSize(MAX_BYTES);

    private final RateLimit rateLimit;
    private final LongSupplier clock;

    /**
     * Creates the playground.
     *
     * @param perSecond requests allowed per second on average, for the whole server
     * @param burst requests allowed at once
     * @param clock the time in epoch milliseconds, for the records
     */
    public FramePlayground(double perSecond, int burst, LongSupplier clock) {
        this.rateLimit = new RateLimit(perSecond, burst, System::nanoTime);
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("POST")) {
            return HttpResponse.builder(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST")
                    .textBody("POST the bytes, in hex").build();
        }
        if (!rateLimit.tryAcquire()) {
            return HttpResponse.builder(429).header("Retry-After", "1").textBody("too many requests: try again in a second").build();
        }
        String digits = request.bodyText().replaceAll("\\s+", "");
        if (digits.length() > 2 * MAX_BYTES) {
            return HttpResponse.builder(413).textBody("at most " + MAX_BYTES + " bytes").build();
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            return HttpResponse.builder(HttpStatus.BAD_REQUEST).textBody("not hex: write pairs of hex digits, spaces allowed").build();
        }
        return HttpResponse.builder(HttpStatus.OK)
                .header("Cache-Control", "no-store")
                .body("application/json", run(bytes).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Runs bytes through a server session.
     *
     * @param bytes what a client sent
     * @return the JSON answer: {@code frames} (records as in the inspector, both ways),
     *     {@code events} (what the application would see), {@code error} (when the bytes broke a
     *     rule), {@code state} (the session's state afterwards)
     */
    String run(byte[] bytes) {
        List<String> records = new ArrayList<>();
        Outcome outcome = new Outcome();
        WebSocketSession session = new WebSocketSession(Role.SERVER, CONFIG, null, null, outcome, NOTHING_SENT);
        FrameRecorder recorder = new FrameRecorder(records::add, clock);
        session.tap(recorder);
        session.receive(ByteBuffer.wrap(bytes));
        JsonObject json = new JsonObject()
                .field("bytes", bytes.length)
                .rawField("frames", "[" + String.join(",", records) + "]")
                .rawField("events", outcome.events())
                .field("state", session.state().name())
                .field("unfinished", recorder.hasUnfinishedFrame(FrameTap.Direction.RECEIVED));
        if (outcome.error != null) {
            json.rawField("error", new JsonObject()
                    .field("name", outcome.error.error().name())
                    .field("message", outcome.error.getMessage())
                    .field("closeCode", outcome.error.closeCode())
                    .field("closeMeaning", CloseCode.describe(outcome.error.closeCode())).toString());
        }
        return json.toString();
    }

    /** The frames go nowhere: the tap has already recorded them. */
    private static final FrameSink NOTHING_SENT = (header, payload, masked, maskKey) -> {
    };

    /** What the application would have seen. */
    private static final class Outcome implements SessionListener {
        final List<String> events = new ArrayList<>();
        WebSocketProtocolException error;

        @Override
        public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
            events.add(type.name().toLowerCase(Locale.ROOT) + " message of " + payload.remaining() + " bytes"
                    + (type == MessageType.TEXT ? ": " + StandardCharsets.UTF_8.decode(payload.duplicate()) : ""));
        }

        @Override
        public void onPing(ByteBuffer payload) {
            events.add("ping of " + payload.remaining() + " bytes, answered with a pong");
        }

        @Override
        public void onPong(ByteBuffer payload) {
            events.add("pong of " + payload.remaining() + " bytes");
        }

        @Override
        public void onCloseReceived(CloseBody body) {
            events.add(body.isEmpty() ? "close without a status code (reported as 1005), answered"
                    : "close " + body.code() + " (" + CloseCode.describe(body.code()) + "), answered");
        }

        @Override
        public void onProtocolError(WebSocketProtocolException failure) {
            error = failure;
            events.add("protocol error: " + failure.error() + ", the server closes with " + failure.closeCode());
        }

        String events() {
            StringBuilder array = new StringBuilder("[");
            for (String event : events) {
                if (array.length() > 1) {
                    array.append(',');
                }
                JsonObject.quote(array, event);
            }
            return array.append(']').toString();
        }
    }
}
