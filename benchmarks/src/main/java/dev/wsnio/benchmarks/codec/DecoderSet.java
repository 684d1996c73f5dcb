package dev.wsnio.benchmarks.codec;

import org.openjdk.jmh.infra.Blackhole;

/**
 * Every receive path under test, built for one input and checked on it before any measurement:
 * each must deliver exactly the payload bytes the input holds, or the run stops.
 */
final class DecoderSet {

    final WireDecoder readCopyOnly;
    final WireDecoder wsnioFrames;
    final WireDecoder wsnioSession;
    final WireDecoder nettyFrames;
    final WireDecoder nettyMessages;
    final WireDecoder javaWebSocket;

    /**
     * Builds the decoders and checks them.
     *
     * @param direction which way the frames travel (masked or not)
     * @param wire the input
     * @param expectedPayloadBytes the payload bytes the input holds
     * @param blackhole where the decoders hand what they decode
     * @throws IllegalStateException when a decoder delivers a different number of bytes
     */
    DecoderSet(Direction direction, byte[] wire, long expectedPayloadBytes, Blackhole blackhole) {
        int capacity = wire.length;
        readCopyOnly = new ReadCopyOnly(capacity);
        wsnioFrames = new WsnioFrameDecoding(direction.receiver(), capacity, blackhole);
        wsnioSession = new WsnioSessionReceiving(direction.receiver(), capacity, blackhole);
        nettyFrames = new NettyDecoding(direction.masked(), NettyDecoding.Pipeline.FRAMES, blackhole);
        nettyMessages = new NettyDecoding(direction.masked(), NettyDecoding.Pipeline.MESSAGES, blackhole);
        javaWebSocket = new JavaWebSocketDecoding(direction.receiver(), capacity, blackhole);
        for (WireDecoder decoder : new WireDecoder[] {
            wsnioFrames, wsnioSession, nettyFrames, nettyMessages, javaWebSocket}) {
            for (int round = 0; round < 2; round++) {
                long delivered = decoder.receive(wire);
                if (delivered != expectedPayloadBytes) {
                    throw new IllegalStateException(decoder.getClass().getSimpleName() + " delivered "
                            + delivered + " payload bytes, expected " + expectedPayloadBytes);
                }
            }
        }
    }
}
