package dev.wsnio.conformance.cases;

import static dev.wsnio.conformance.cases.Payloads.hex;
import static dev.wsnio.conformance.cases.Payloads.utf8;
import static dev.wsnio.conformance.suite.ConformanceCase.onBoth;
import static dev.wsnio.conformance.suite.ConformanceCase.onClient;
import static dev.wsnio.conformance.suite.ConformanceCase.onServer;

import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.conformance.suite.ConformanceCase;
import dev.wsnio.conformance.suite.Group;
import dev.wsnio.conformance.suite.WireScript;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.Flavour;
import dev.wsnio.testkit.wire.DeflateCodec;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7692, permessage-deflate (Autobahn categories 12 and 13): the examples of §7.2.3 byte for
 * byte, messages of many sizes compressed with context takeover, fragmented compressed
 * messages, RSV1 where it does not belong, data that does not inflate, a decompression bomb,
 * and the negotiation of the extension's parameters from both ends: every combination of the
 * parameters a client may offer (the server accepts each and keeps within what it answered) and
 * a server may answer (the client accepts each and keeps within the window it is given), each
 * echo checked by a DEFLATE decoder that fails on any back-reference beyond the agreed window.
 */
public final class CompressionCases {

    private static final int KIB = 1024;
    private static final Group G = Group.COMPRESSION;

    private CompressionCases() {
    }

    /** The cases. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        rfcExample(cases, "rfc7692-7.2.3.1-hello", "f2 48 cd c9 c9 07 00", "§7.2.3.1: \"Hello\" compressed");
        rfcExample(cases, "rfc7692-7.2.3.3-stored-block", "00 05 00 fa ff 48 65 6c 6c 6f 00",
                "§7.2.3.3: \"Hello\" in a block with no compression");
        rfcExample(cases, "rfc7692-7.2.3.4-bfinal", "f3 48 cd c9 c9 07 00 00",
                "§7.2.3.4: \"Hello\" in a final (BFINAL) block");
        rfcExample(cases, "rfc7692-7.2.3.5-two-blocks", "f2 48 05 00 00 00 ff ff ca c9 c9 07 00",
                "§7.2.3.5: \"Hello\" in two DEFLATE blocks");
        deflate(cases, "rfc7692-7.2.3.2-shared-window",
                "§7.2.3.2: a second \"Hello\" that refers to the first one's window (context takeover)",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, hex("f2 48 cd c9 c9 07 00")),
                            new Frame(true, Frame.RSV1, Frame.TEXT, hex("f2 00 11 00 00")));
                    wire.expectCompressed(codec, Frame.TEXT, utf8("Hello"));
                    wire.expectCompressed(codec, Frame.TEXT, utf8("Hello"));
                });
        deflate(cases, "empty-compressed-payload", "§7.2.2: an RSV1 frame with no payload is the empty message",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, new byte[0]));
                    wire.expectCompressed(codec, Frame.TEXT, new byte[0]);
                });
        deflate(cases, "compressed-empty-message", "an empty message compressed by a DEFLATE encoder",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.BINARY, codec.compress(new byte[0])));
                    wire.expectCompressed(codec, Frame.BINARY, new byte[0]);
                });
        deflate(cases, "uncompressed-message-accepted", "§6: a message without RSV1 on a deflate connection"
                        + " is taken as it is (the echo comes back compressed)",
                (wire, codec) -> {
                    wire.send(Frame.text("not compressed"));
                    wire.expectCompressed(codec, Frame.TEXT, utf8("not compressed"));
                });
        deflate(cases, "compressed-fragmented-message",
                "§6.1: RSV1 on the first fragment only; the compressed data split across three frames",
                (wire, codec) -> {
                    byte[] message = Payloads.mixedUtf8(64 * KIB);
                    byte[] compressed = codec.compress(message);
                    int third = compressed.length / 3;
                    wire.send(new Frame(false, Frame.RSV1, Frame.TEXT, Payloads.slice(compressed, 0, third)),
                            Frame.continuation(Payloads.slice(compressed, third, 2 * third)).notFinal(),
                            Frame.continuation(Payloads.slice(compressed, 2 * third, compressed.length)));
                    wire.expectCompressed(codec, Frame.TEXT, message);
                });
        deflate(cases, "compressed-message-one-byte-writes", "a compressed message written one byte per write",
                (wire, codec) -> {
                    byte[] message = utf8("compressed, then trickled in one byte at a time ".repeat(4));
                    wire.sendInChunks(wire.encode(new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(message))), 1);
                    wire.expectCompressed(codec, Frame.TEXT, message);
                });
        deflate(cases, "ping-between-compressed-fragments", "a ping between the fragments of a compressed message",
                (wire, codec) -> {
                    byte[] message = utf8("fragmented and compressed");
                    byte[] compressed = codec.compress(message);
                    wire.send(new Frame(false, Frame.RSV1, Frame.TEXT, Payloads.slice(compressed, 0, 3)),
                            Frame.ping("between"), Frame.continuation(Payloads.slice(compressed, 3, compressed.length)));
                    wire.expectPong(utf8("between"));
                    wire.expectCompressed(codec, Frame.TEXT, message);
                });
        deflate(cases, "rsv1-on-continuation-fails-1002", "§6.1: RSV1 on a continuation frame fails the connection"
                        + " (1002)",
                (wire, codec) -> {
                    byte[] compressed = codec.compress(utf8("two fragments"));
                    wire.send(new Frame(false, Frame.RSV1, Frame.TEXT, Payloads.slice(compressed, 0, 2)),
                            new Frame(true, Frame.RSV1, Frame.CONTINUATION,
                                    Payloads.slice(compressed, 2, compressed.length)));
                    wire.expectFailure(1002);
                });
        deflate(cases, "rsv1-on-ping-fails-1002", "§6: RSV1 on a control frame fails the connection (1002)",
                (wire, codec) -> {
                    wire.send(Frame.ping("compressed?").withRsv(Frame.RSV1));
                    wire.expectFailure(1002);
                });
        deflate(cases, "rsv2-fails-1002", "RSV2 is still reserved when permessage-deflate uses RSV1 (1002)",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1 | Frame.RSV2, Frame.TEXT, codec.compress(utf8("x"))));
                    wire.expectFailure(1002);
                });
        deflate(cases, "invalid-deflate-data-fails-1007", "compressed data that does not inflate fails (1007)",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.BINARY, hex("ff ff ff ff ff")));
                    wire.expectFailure(1007);
                });
        deflate(cases, "compressed-invalid-utf8-fails-1007",
                "text that inflates to invalid UTF-8 fails the connection (1007)",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(hex("ce ba ed a0 80 65"))));
                    wire.expectFailure(1007);
                });
        deflate(cases, "inflation-bomb-fails-1009",
                "a 100 KiB message that inflates past the 64 MiB limit fails (1009) without inflating it all",
                (wire, codec) -> {
                    wire.send(new Frame(true, Frame.RSV1, Frame.BINARY, codec.compress(new byte[65 << 20])));
                    wire.expectFailure(1009);
                });
        for (int size : new int[] {16, 64, 256, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 128 * KIB}) {
            for (int opcode : new int[] {Frame.TEXT, Frame.BINARY}) {
                String type = opcode == Frame.TEXT ? "text" : "binary";
                deflate(cases, "ten-" + type + "-messages-of-" + size + "-bytes",
                        "ten compressed " + type + " messages of " + size + " bytes in a row, with context"
                                + " takeover both ways",
                        (wire, codec) -> {
                            List<byte[]> messages = new ArrayList<>();
                            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                            for (int i = 0; i < 10; i++) {
                                byte[] message = opcode == Frame.TEXT ? Payloads.mixedUtf8(size) : Payloads.binary(size);
                                message[0] = (byte) ('0' + i);
                                messages.add(message);
                                bytes.writeBytes(wire.encode(new Frame(true, Frame.RSV1, opcode, codec.compress(message))));
                            }
                            wire.sendRaw(bytes.toByteArray());
                            for (byte[] message : messages) {
                                wire.expectCompressed(codec, opcode, message);
                            }
                        });
            }
        }
        negotiation(cases);
        return cases;
    }

    /** A script on a deflate connection with its codec (context takeover both ways). */
    @FunctionalInterface
    interface DeflateScript {
        void run(Wire wire, DeflateCodec codec) throws Exception;
    }

    private static void deflate(List<ConformanceCase> cases, String id, String title, DeflateScript script) {
        cases.add(onBoth(G, id, title, Flavour.DEFLATE, Behaviour.ECHO, withCodec(true, true, script)));
    }

    private static WireScript withCodec(boolean keepOurs, boolean keepTheirs, DeflateScript script) {
        return wire -> {
            DeflateCodec codec = new DeflateCodec(keepOurs, keepTheirs);
            try {
                script.run(wire, codec);
            } finally {
                codec.end();
            }
        };
    }

    private static void rfcExample(List<ConformanceCase> cases, String id, String payload, String title) {
        deflate(cases, id, title + " is echoed", (wire, codec) -> {
            wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, hex(payload)));
            wire.expectCompressed(codec, Frame.TEXT, utf8("Hello"));
        });
    }

    /**
     * Messages that tempt a compressor to refer far back: text twice (the second may refer to the
     * first only with context takeover), then 20,000 random bytes three times (references 20,000
     * bytes back, beyond every window below 32 KiB). The codec checks every echo's references
     * against the testee's window and context (§7.1.1, §7.1.2).
     */
    private static void exchangeAcrossWindows(Wire wire, DeflateCodec codec) throws IOException {
        byte[] text = utf8("{\"user\":\"小明\",\"text\":\"the same words again and again\"}; ".repeat(40));
        byte[] block = Payloads.binary(20_000);
        byte[] repeated = Payloads.concat(block, block, block);
        wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(text)),
                new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(text)),
                new Frame(true, Frame.RSV1, Frame.BINARY, codec.compress(repeated)));
        wire.expectCompressed(codec, Frame.TEXT, text);
        wire.expectCompressed(codec, Frame.TEXT, text);
        wire.expectCompressed(codec, Frame.BINARY, repeated);
    }

    /** The window values a matrix case tries for a {@code *_max_window_bits} parameter. */
    private static final int[] WINDOWS = {8, 9, 12, 15};

    private static void negotiation(List<ConformanceCase> cases) {
        serverOfferMatrix(cases);
        offered(cases, "server-accepts-first-of-two-offers",
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate; "
                        + "client_max_window_bits",
                "permessage-deflate; server_max_window_bits=10",
                "§7.1.3's example: the first offer, asking for a 1 KiB server window, is accepted");
        offered(cases, "server-declines-unknown-parameter", "permessage-deflate; foo=1", null,
                "§7.1: an offer with an unknown parameter is declined");
        offered(cases, "server-declines-window-bits-16", "permessage-deflate; server_max_window_bits=16", null,
                "§7.1.2.1: a window size outside 8-15 is declined");
        offered(cases, "server-declines-window-bits-with-leading-zero", "permessage-deflate; client_max_window_bits=09",
                null, "§7.1.2: a window size with a leading zero is declined");
        offered(cases, "server-declines-duplicate-parameter",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover", null,
                "§7.1: an offer with a parameter twice is declined");
        offered(cases, "server-declines-value-on-no-context-takeover",
                "permessage-deflate; server_no_context_takeover=1", null,
                "§7.1.1.1: server_no_context_takeover takes no value: declined");
        offered(cases, "server-takes-second-offer-after-malformed-one",
                "permessage-deflate; server_max_window_bits=7, permessage-deflate; server_max_window_bits=9",
                "permessage-deflate; server_max_window_bits=9",
                "§7.1.3: the malformed first offer is declined, the second accepted");

        cases.add(onClient(G, "client-offers-permessage-deflate", "§7.1: the client's offer as configured, with"
                        + " client_max_window_bits as browsers offer it (§7.1.2.2)",
                Flavour.DEFLATE, client -> {
                    try (Wire wire = client.open(Behaviour.ECHO)) {
                        String offer = HandshakeText.header(client.lastRequest(), "Sec-WebSocket-Extensions");
                        if (!"permessage-deflate; client_max_window_bits".equals(offer)) {
                            throw new AssertionError("expected the offer permessage-deflate; client_max_window_bits, got "
                                    + offer);
                        }
                    }
                }));
        clientResponseMatrix(cases);
        cases.add(onClient(G, "client-uncompressed-when-server-declines",
                "§7.1: without the extension in the response, the client sends no RSV1", Flavour.DEFLATE,
                client -> {
                    try (Wire wire = client.open(Behaviour.ECHO, "")) {
                        wire.send(Frame.text("plain"));
                        wire.expectText("plain");
                    }
                }));
        refusedAnswer(cases, "client-refuses-client-max-window-bits-without-value",
                "permessage-deflate; client_max_window_bits",
                "§7.1.2.2: client_max_window_bits in a response needs a value");
        refusedAnswer(cases, "client-refuses-unknown-parameter", "permessage-deflate; foo",
                "§7.1: a response with an unknown parameter is refused");
        refusedAnswer(cases, "client-refuses-extension-twice", "permessage-deflate, permessage-deflate",
                "§9.1: the same extension twice in the response is refused");
        refusedAnswer(cases, "client-refuses-window-bits-7", "permessage-deflate; server_max_window_bits=7",
                "§7.1.2.1: a window size below 8 is refused");
    }

    /**
     * Every combination of the four parameters a client may offer (§7.1: either no_context_takeover,
     * server_max_window_bits of 8, 9, 12 or 15, client_max_window_bits with or without a value),
     * as the Autobahn|Testsuite's category 13 offers them: each is accepted with the parameters
     * the server honours, and the server's replies keep within what it answered.
     */
    private static void serverOfferMatrix(List<ConformanceCase> cases) {
        for (boolean serverNoContext : new boolean[] {false, true}) {
            for (boolean clientNoContext : new boolean[] {false, true}) {
                for (int serverWindow : new int[] {0, 8, 9, 12, 15}) {
                    for (String clientWindow : new String[] {null, "", "9"}) {
                        StringBuilder id = new StringBuilder("server-accepts");
                        StringBuilder offer = new StringBuilder("permessage-deflate");
                        StringBuilder answer = new StringBuilder("permessage-deflate");
                        if (serverNoContext) {
                            id.append("-snct");
                            offer.append("; server_no_context_takeover");
                            answer.append("; server_no_context_takeover");
                        }
                        if (clientNoContext) {
                            id.append("-cnct");
                            offer.append("; client_no_context_takeover");
                            answer.append("; client_no_context_takeover");
                        }
                        if (serverWindow != 0) {
                            id.append("-smwb").append(serverWindow);
                            offer.append("; server_max_window_bits=").append(serverWindow);
                            answer.append("; server_max_window_bits=").append(serverWindow);
                        }
                        if (clientWindow != null) {
                            id.append("-cmwb").append(clientWindow);
                            offer.append("; client_max_window_bits").append(clientWindow.isEmpty() ? "" : "=" + clientWindow);
                        }
                        if (id.toString().equals("server-accepts")) {
                            id.append("-plain-offer");
                        }
                        offered(cases, id.toString(), offer.toString(), answer.toString(),
                                "§7.1: \"" + offer + "\" is accepted as \"" + answer + "\", and honoured");
                    }
                }
            }
        }
    }

    /**
     * Every response a server may give the client's offer ({@code permessage-deflate;
     * client_max_window_bits}): either no_context_takeover, server_max_window_bits unasked
     * (§7.1.2.1 allows it) and client_max_window_bits of 8, 9, 12 or 15, which the client must
     * then keep within (§7.1.2.2).
     */
    private static void clientResponseMatrix(List<ConformanceCase> cases) {
        for (boolean serverNoContext : new boolean[] {false, true}) {
            for (boolean clientNoContext : new boolean[] {false, true}) {
                for (int serverWindow : new int[] {0, 8, 9, 12, 15}) {
                    for (int clientWindow : new int[] {0, 8, 9, 12, 15}) {
                        StringBuilder id = new StringBuilder("client-accepts");
                        StringBuilder response = new StringBuilder("permessage-deflate");
                        if (serverNoContext) {
                            id.append("-snct");
                            response.append("; server_no_context_takeover");
                        }
                        if (clientNoContext) {
                            id.append("-cnct");
                            response.append("; client_no_context_takeover");
                        }
                        if (serverWindow != 0) {
                            id.append("-smwb").append(serverWindow);
                            response.append("; server_max_window_bits=").append(serverWindow);
                        }
                        if (clientWindow != 0) {
                            id.append("-cmwb").append(clientWindow);
                            response.append("; client_max_window_bits=").append(clientWindow);
                        }
                        if (id.toString().equals("client-accepts")) {
                            id.append("-plain-response");
                        }
                        answered(cases, id.toString(), response.toString(),
                                "§7.1: the response \"" + response + "\" is accepted and honoured");
                    }
                }
            }
        }
    }

    /** The window the agreed parameters give one side: the parameter's value, or 15. */
    private static int windowBits(String agreed, String parameter) {
        for (String part : agreed.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(parameter + "=")) {
                return Integer.parseInt(trimmed.substring(parameter.length() + 1));
            }
        }
        return 15;
    }

    /** The codec of the raw peer for agreed parameters; {@code ours} is the raw peer's role. */
    private static DeflateCodec codecFor(String agreed, boolean rawPeerIsClient) {
        boolean serverFresh = agreed.contains("server_no_context_takeover");
        boolean clientFresh = agreed.contains("client_no_context_takeover");
        int serverWindow = windowBits(agreed, "server_max_window_bits");
        int clientWindow = windowBits(agreed, "client_max_window_bits");
        return rawPeerIsClient
                ? new DeflateCodec(!clientFresh, !serverFresh, clientWindow, serverWindow)
                : new DeflateCodec(!serverFresh, !clientFresh, serverWindow, clientWindow);
    }

    private static void offered(List<ConformanceCase> cases, String id, String offer, String agreed, String title) {
        cases.add(onServer(G, id, title, Flavour.DEFLATE, server -> {
            try (Wire wire = server.upgrade("/echo", "Sec-WebSocket-Extensions: " + offer + "\r\n", agreed)) {
                if (agreed == null) {
                    wire.send(Frame.text("uncompressed"));
                    wire.expectText("uncompressed");
                    return;
                }
                DeflateCodec codec = codecFor(agreed, true);
                try {
                    exchangeAcrossWindows(wire, codec);
                } finally {
                    codec.end();
                }
            }
        }));
    }

    private static void answered(List<ConformanceCase> cases, String id, String response, String title) {
        cases.add(onClient(G, id, title, Flavour.DEFLATE, client -> {
            try (Wire wire = client.open(Behaviour.ECHO, response)) {
                DeflateCodec codec = codecFor(response, false);
                try {
                    exchangeAcrossWindows(wire, codec);
                } finally {
                    codec.end();
                }
            }
        }));
    }

    private static void refusedAnswer(List<ConformanceCase> cases, String id, String response, String title) {
        cases.add(onClient(G, id, title + " (UNEXPECTED_EXTENSION, TCP closed)", Flavour.DEFLATE,
                client -> ClientHandshakeCases.expectRefusal(client,
                        key -> ClientHandshakeCases.switchingProtocols(key, "Sec-WebSocket-Extensions: " + response),
                        Reason.UNEXPECTED_EXTENSION)));
    }
}
