/**
 * JMH benchmarks of a running wsnio server over loopback, one exchange per operation, made to
 * be read with {@code -prof gc}: the bytes the server allocates per echoed message and per
 * opening handshake (the raw client here allocates nothing per operation, so JMH's per-operation
 * allocation, counted over all threads, is the server's).
 */
package dev.wsnio.benchmarks.server;
