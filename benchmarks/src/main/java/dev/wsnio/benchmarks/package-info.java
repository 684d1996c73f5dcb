/**
 * Measurements of wsnio against the implementations people would otherwise pick (Netty,
 * Java-WebSocket, Node's {@code ws}): JMH benchmarks that run every side on the same bytes in
 * the same run, an echo load tool, and the peer echo servers it is compared with.
 */
package dev.wsnio.benchmarks;
