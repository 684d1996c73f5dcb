/**
 * Hostile peers and a soak run against a wsnio server on its library defaults: the measurements
 * behind issue 13 (a client that pipelines requests and reads nothing, an echo peer that reads
 * nothing, thousands of peers that send a frame one byte at a time) and a time-bounded run in
 * which connections come, exchange, leave cleanly or vanish, mixed with plain HTTP requests,
 * while the server's file descriptors, threads, live heap and resident memory are watched.
 * Started by {@code benchmarks/run-hostile.sh} and {@code benchmarks/run-soak.sh}.
 */
package dev.wsnio.benchmarks.hardening;
