package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What permessage-deflate holds and shares: the per-thread {@link DeflateWorkspace}, the cap on
 * connections with context takeover ({@link ContextTakeoverBudget}), messages sent uncompressed
 * when compression does not pay, and the frame size limit for compressed frames.
 */
class PerMessageDeflateResourcesTest {

    private static final PerMessageDeflateParameters NO_CONTEXT = new PerMessageDeflateParameters(true, true, 15, 15);
    private static final PerMessageDeflateConfig WITH_CONTEXT = PerMessageDeflateConfig.DEFAULTS
            .withNoContextTakeover(false).withRequestPeerNoContextTakeover(false).withCompressionThreshold(0);

    private static byte[] chat(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < length; i++) {
            text.append("{\"user\":\"u").append(i % 7).append("\",\"text\":\"hello number ").append(i).append("\"}");
        }
        return text.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- the workspace

    @Test
    void connectionsOfOneWorkspaceInterleaveMessagesThatSpanReads() {
        DeflateWorkspace workspace = new DeflateWorkspace();
        ContextTakeoverBudget budget = new ContextTakeoverBudget(0);
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0);
        PerMessageDeflateHarness first = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, config, workspace, budget));
        PerMessageDeflateHarness second = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, config, workspace, budget));
        byte[] one = chat(50_000);
        byte[] two = chat(30_000);
        byte[] frameOne = first.frame(true, true, Opcode.TEXT,
                bytes(PerMessageDeflate.compressWithFreshContext(ByteBuffer.wrap(one), 6)));
        byte[] frameTwo = second.frame(true, true, Opcode.TEXT,
                bytes(PerMessageDeflate.compressWithFreshContext(ByteBuffer.wrap(two), 6)));
        int half = frameOne.length / 2;
        first.receive(java.util.Arrays.copyOfRange(frameOne, 0, half)); // first holds a lent inflater
        second.receive(frameTwo); // second borrows another, inflates through the same piece buffer
        first.receive(java.util.Arrays.copyOfRange(frameOne, half, frameOne.length));
        assertArrayEquals(one, first.messages.get(0));
        assertArrayEquals(two, second.messages.get(0));
        assertEquals(2, workspace.idleInflaters(), "both inflaters are back, waiting for the next message");
    }

    @Test
    void workspaceKeepsAFewIdleInflatersAndEndsTheRest() {
        DeflateWorkspace workspace = new DeflateWorkspace();
        List<java.util.zip.Inflater> lent = new java.util.ArrayList<>();
        for (int i = 0; i < DeflateWorkspace.MAX_IDLE_INFLATERS + 3; i++) {
            lent.add(workspace.borrowInflater());
        }
        lent.forEach(workspace::giveBack);
        assertEquals(DeflateWorkspace.MAX_IDLE_INFLATERS, workspace.idleInflaters());
        workspace.close();
        assertEquals(0, workspace.idleInflaters());
        assertThrows(IllegalStateException.class, workspace::borrowInflater);
    }

    // ---------------------------------------------------------------- the context takeover cap

    @Test
    void connectionsBeyondTheCapCompressWithoutContextAndFreeTheirPlaceOnRelease() {
        ContextTakeoverBudget budget = new ContextTakeoverBudget(2);
        DeflateWorkspace workspace = new DeflateWorkspace();
        PerMessageDeflateParameters onlyOurContext = new PerMessageDeflateParameters(false, true, 15, 15);
        PerMessageDeflate first = new PerMessageDeflate(Role.SERVER, onlyOurContext, WITH_CONTEXT, workspace, budget);
        PerMessageDeflate second = new PerMessageDeflate(Role.SERVER, onlyOurContext, WITH_CONTEXT, workspace, budget);
        PerMessageDeflate third = new PerMessageDeflate(Role.SERVER, onlyOurContext, WITH_CONTEXT, workspace, budget);
        assertTrue(first.keepsContext());
        assertTrue(second.keepsContext());
        assertFalse(third.keepsContext(), "over the cap: no context takeover");
        assertFalse(budget.hasRoom());
        assertEquals(2, budget.holders());
        byte[] message = chat(2000);
        assertArrayEquals(bytes(third.compress(ByteBuffer.wrap(message))), bytes(third.compress(ByteBuffer.wrap(message))),
                "each message compressed afresh");
        first.release();
        first.release();
        assertEquals(1, budget.holders(), "released once, however often release is called");
        assertTrue(new PerMessageDeflate(Role.SERVER, onlyOurContext, WITH_CONTEXT, workspace, budget).keepsContext());
    }

    @Test
    void aPeerThatKeepsItsWindowIsCountedEvenPastTheCapButOurContextIsNotKept() {
        ContextTakeoverBudget budget = new ContextTakeoverBudget(1);
        DeflateWorkspace workspace = new DeflateWorkspace();
        PerMessageDeflateParameters bothKeep = PerMessageDeflateParameters.DEFAULTS;
        PerMessageDeflate first = new PerMessageDeflate(Role.CLIENT, bothKeep, WITH_CONTEXT, workspace, budget);
        PerMessageDeflate second = new PerMessageDeflate(Role.CLIENT, bothKeep, WITH_CONTEXT, workspace, budget);
        assertTrue(first.keepsContext());
        assertFalse(second.keepsContext());
        assertEquals(2, budget.holders(), "the second must keep the server's window: it is counted");
        // and it still decodes a server that refers to its previous message (RFC 7692 §7.2.3.2)
        PerMessageDeflateHarness client = new PerMessageDeflateHarness(Role.CLIENT, SessionConfig.DEFAULTS, second);
        client.receive(client.frame(true, true, Opcode.TEXT, PerMessageDeflateHarness.hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, PerMessageDeflateHarness.hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
        second.release();
        assertEquals(1, budget.holders());
    }

    @Test
    void noCapNoContext() {
        PerMessageDeflate deflate = new PerMessageDeflate(Role.SERVER, new PerMessageDeflateParameters(false, true, 15, 15),
                WITH_CONTEXT.withMaxContextTakeoverConnections(0));
        assertFalse(deflate.keepsContext());
    }

    // ---------------------------------------------------------------- incompressible messages

    @Test
    void messageThatDoesNotShrinkIsLeftForTheSessionToSendUncompressed() {
        PerMessageDeflate deflate = new PerMessageDeflate(Role.SERVER, NO_CONTEXT,
                PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0));
        ByteBuffer noise = ByteBuffer.wrap(random(4000, 1));
        assertNull(deflate.compress(noise));
        assertEquals(4000, noise.remaining(), "left as it was");
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS, deflate);
        server.session.sendMessage(MessageType.BINARY, noise);
        byte[] wire = server.sent.wire();
        assertEquals(0x82, wire[0] & 0xFF, "FIN, binary, no RSV1");
        assertEquals(4 + 4000, wire.length);
    }

    @Test
    void withContextTakeoverAMessageSentUncompressedIsNeverReferredTo() {
        PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, PerMessageDeflateParameters.DEFAULTS,
                WITH_CONTEXT.withSkipIncompressible(true));
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                new PerMessageDeflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS, WITH_CONTEXT));
        PerMessageDeflateHarness sender = new PerMessageDeflateHarness(Role.CLIENT, SessionConfig.DEFAULTS, client);
        byte[] text = chat(3000);
        byte[] noise = random(3000, 2);
        for (byte[] message : List.of(text, noise, noise, text, text)) {
            sender.session.sendMessage(MessageType.BINARY, ByteBuffer.wrap(message));
        }
        server.receive(sender.sent.wire());
        assertEquals(5, server.messages.size(),
                server.events.stream().filter(event -> !event.startsWith("BINARY")).toList().toString());
        assertArrayEquals(noise, server.messages.get(2));
        assertArrayEquals(text, server.messages.get(4));
    }

    // ---------------------------------------------------------------- the frame size limit

    /** A message of random bytes compressed by the peer in one frame, as browsers and ws send it. */
    private static byte[] compressedFrame(PerMessageDeflateHarness receiver, byte[] message) {
        PerMessageDeflate peer = new PerMessageDeflate(Role.CLIENT, NO_CONTEXT,
                PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0).withSkipIncompressible(false));
        byte[] payload = bytes(peer.compress(ByteBuffer.wrap(message)));
        peer.release();
        assertTrue(payload.length > message.length, "random data grows when compressed");
        return receiver.frame(true, true, Opcode.BINARY, payload);
    }

    @Test
    void incompressibleMessageOfExactlyTheLimitArrivesCompressed() {
        int limit = 1 << 20;
        SessionConfig config = SessionConfig.DEFAULTS.withMaxMessageSize(limit).withMaxFrameSize(limit);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, config,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, PerMessageDeflateConfig.DEFAULTS));
        byte[] message = random(limit, 3);
        server.receive(compressedFrame(server, message));
        assertEquals(1, server.messages.size(), server.events.toString());
        assertArrayEquals(message, server.messages.get(0));
    }

    @Test
    void oneByteMoreIsRefusedWith1009() {
        int limit = 1 << 20;
        SessionConfig config = SessionConfig.DEFAULTS.withMaxMessageSize(limit).withMaxFrameSize(limit);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, config,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, PerMessageDeflateConfig.DEFAULTS));
        server.receive(compressedFrame(server, random(limit + 1, 4)));
        assertEquals(List.of("error:MESSAGE_TOO_BIG"), server.events);
        assertEquals(CloseCode.MESSAGE_TOO_BIG, server.session.closeSent().code());
    }

    @Test
    void compressedFramesAreHeldToTheDeflateBoundOfTheFrameLimit() {
        long limit = 64 * 1024;
        long bound = PerMessageDeflate.compressedSizeBound(limit);
        assertEquals(limit + limit / 8 + limit / 256 + limit / 512 + 16, bound);
        SessionConfig config = SessionConfig.DEFAULTS.withMaxFrameSize(limit);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, config,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, PerMessageDeflateConfig.DEFAULTS));
        byte[] header = new byte[14];
        ByteBuffer written = ByteBuffer.wrap(header);
        FrameHeader.write(written, true, FrameHeader.RSV1, Opcode.BINARY, bound + 1, true, 1);
        server.receive(java.util.Arrays.copyOf(header, written.position()));
        assertEquals(List.of("error:FRAME_TOO_BIG"), server.events, "refused from its header");
    }

    @Test
    void uncompressedFramesOnACompressedConnectionKeepTheExactFrameLimit() {
        long limit = 64 * 1024;
        SessionConfig config = SessionConfig.DEFAULTS.withMaxFrameSize(limit);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, config,
                new PerMessageDeflate(Role.SERVER, NO_CONTEXT, PerMessageDeflateConfig.DEFAULTS));
        byte[] header = new byte[14];
        ByteBuffer written = ByteBuffer.wrap(header);
        FrameHeader.write(written, false, 0, Opcode.BINARY, limit + 1, true, 1);
        server.receive(java.util.Arrays.copyOf(header, written.position()));
        assertEquals(List.of("error:FRAME_TOO_BIG"), server.events);
    }
}
