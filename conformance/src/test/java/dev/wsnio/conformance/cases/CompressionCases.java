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
 * and the negotiation of the extension's parameters from both ends.
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

    /** The same 2 KiB message twice: a peer without context takeover compresses both alike. */
    private static void twiceWithFreshContexts(Wire wire, DeflateCodec codec) throws IOException {
        byte[] message = utf8("the same words again and again; ".repeat(64));
        wire.send(new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(message)),
                new Frame(true, Frame.RSV1, Frame.TEXT, codec.compress(message)));
        wire.expectCompressed(codec, Frame.TEXT, message);
        wire.expectCompressed(codec, Frame.TEXT, message);
    }

    private static void negotiation(List<ConformanceCase> cases) {
        offered(cases, "server-accepts-plain-offer", "permessage-deflate", "permessage-deflate",
                "§7.1: a plain offer is accepted as it is");
        offered(cases, "server-honours-server-no-context-takeover",
                "permessage-deflate; server_no_context_takeover",
                "permessage-deflate; server_no_context_takeover",
                "§7.1.1.1: server_no_context_takeover is accepted, echoed, and kept: each reply inflates"
                        + " with a fresh window");
        offered(cases, "server-accepts-client-no-context-takeover",
                "permessage-deflate; client_no_context_takeover",
                "permessage-deflate; client_no_context_takeover",
                "§7.1.1.2: client_no_context_takeover is accepted");
        offered(cases, "server-accepts-client-max-window-bits-unvalued",
                "permessage-deflate; client_max_window_bits", "permessage-deflate",
                "§7.1.2.2: client_max_window_bits without a value is a hint the server may ignore");
        offered(cases, "server-accepts-server-max-window-bits-15",
                "permessage-deflate; server_max_window_bits=15", "permessage-deflate; server_max_window_bits=15",
                "§7.1.2.1: server_max_window_bits=15 is accepted and echoed");
        offered(cases, "server-declines-server-max-window-bits-10",
                "permessage-deflate; server_max_window_bits=10", null,
                "§7.1.2.1: a window below 32 KiB (JDK Deflater) is declined; the connection goes on uncompressed");
        offered(cases, "server-takes-second-offer-after-unsupported-one",
                "permessage-deflate; server_max_window_bits=10, permessage-deflate", "permessage-deflate",
                "§7.1.3: the first offer is declined, the fallback offer accepted");
        offered(cases, "server-declines-unknown-parameter", "permessage-deflate; foo=1", null,
                "§7.1: an offer with an unknown parameter is declined");
        offered(cases, "server-declines-window-bits-16", "permessage-deflate; server_max_window_bits=16", null,
                "§7.1.2.1: a window size outside 8-15 is declined");
        offered(cases, "server-declines-duplicate-parameter",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover", null,
                "§7.1: an offer with a parameter twice is declined");
        offered(cases, "server-declines-value-on-no-context-takeover",
                "permessage-deflate; server_no_context_takeover=1", null,
                "§7.1.1.1: server_no_context_takeover takes no value: declined");

        cases.add(onClient(G, "client-offers-permessage-deflate", "§7.1: the client's offer as configured",
                Flavour.DEFLATE, client -> {
                    try (Wire wire = client.open(Behaviour.ECHO)) {
                        String offer = HandshakeText.header(client.lastRequest(), "Sec-WebSocket-Extensions");
                        if (!"permessage-deflate".equals(offer)) {
                            throw new AssertionError("expected the offer permessage-deflate, got " + offer);
                        }
                    }
                }));
        answered(cases, "client-accepts-server-no-context-takeover", "permessage-deflate; server_no_context_takeover",
                false, true, "§7.1.1.1: the server's server_no_context_takeover is accepted");
        answered(cases, "client-honours-client-no-context-takeover", "permessage-deflate; client_no_context_takeover",
                true, false, "§7.1.1.2: client_no_context_takeover in the response is kept: each message"
                        + " inflates with a fresh window");
        answered(cases, "client-accepts-server-max-window-bits-10", "permessage-deflate; server_max_window_bits=10",
                true, true, "§7.1.2.1: a smaller server window is accepted (our inflater takes any window)");
        cases.add(onClient(G, "client-uncompressed-when-server-declines",
                "§7.1: without the extension in the response, the client sends no RSV1", Flavour.DEFLATE,
                client -> {
                    try (Wire wire = client.open(Behaviour.ECHO, "")) {
                        wire.send(Frame.text("plain"));
                        wire.expectText("plain");
                    }
                }));
        refusedAnswer(cases, "client-refuses-client-max-window-bits-unoffered",
                "permessage-deflate; client_max_window_bits=10",
                "§7.1.2.2: client_max_window_bits in a response to an offer without it is refused");
        refusedAnswer(cases, "client-refuses-unknown-parameter", "permessage-deflate; foo",
                "§7.1: a response with an unknown parameter is refused");
        refusedAnswer(cases, "client-refuses-extension-twice", "permessage-deflate, permessage-deflate",
                "§9.1: the same extension twice in the response is refused");
        refusedAnswer(cases, "client-refuses-window-bits-7", "permessage-deflate; server_max_window_bits=7",
                "§7.1.2.1: a window size below 8 is refused");
    }

    private static void offered(List<ConformanceCase> cases, String id, String offer, String agreed, String title) {
        cases.add(onServer(G, id, title, Flavour.DEFLATE, server -> {
            try (Wire wire = server.upgrade("/echo", "Sec-WebSocket-Extensions: " + offer + "\r\n", agreed)) {
                if (agreed == null) {
                    wire.send(Frame.text("uncompressed"));
                    wire.expectText("uncompressed");
                    return;
                }
                boolean serverFresh = agreed.contains("server_no_context_takeover");
                boolean clientFresh = agreed.contains("client_no_context_takeover");
                DeflateCodec codec = new DeflateCodec(!clientFresh, !serverFresh);
                try {
                    twiceWithFreshContexts(wire, codec);
                } finally {
                    codec.end();
                }
            }
        }));
    }

    private static void answered(List<ConformanceCase> cases, String id, String response, boolean keepOurs,
                                 boolean keepTheirs, String title) {
        cases.add(onClient(G, id, title, Flavour.DEFLATE, client -> {
            try (Wire wire = client.open(Behaviour.ECHO, response)) {
                DeflateCodec codec = new DeflateCodec(keepOurs, keepTheirs);
                try {
                    twiceWithFreshContexts(wire, codec);
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
