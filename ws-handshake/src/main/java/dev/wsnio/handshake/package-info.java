/**
 * The WebSocket opening handshake (RFC 6455 §4), both sides, without I/O.
 *
 * <p><b>HTTP.</b> {@link dev.wsnio.handshake.HttpRequestParser} and {@link
 * dev.wsnio.handshake.HttpResponseParser} read a message head from bytes in any chunking,
 * within {@link dev.wsnio.handshake.HeadLimits}, and stop exactly at its end; errors are
 * {@link dev.wsnio.handshake.HttpParseException}s carrying the status to answer with. {@link
 * dev.wsnio.handshake.HttpResponse} writes a response. These serve plain HTTP as well.
 *
 * <p><b>Server.</b> {@link dev.wsnio.handshake.ServerHandshake} validates a request, applies
 * the {@link dev.wsnio.handshake.OriginPolicy}, negotiates subprotocol and extensions, and
 * either returns an {@link dev.wsnio.handshake.AcceptedHandshake} holding the 101 response or
 * throws a {@link dev.wsnio.handshake.HandshakeRejectedException} that renders the refusal.
 *
 * <p><b>Client.</b> {@link dev.wsnio.handshake.ClientHandshake} writes the request for a
 * {@link dev.wsnio.handshake.WebSocketUri} and verifies the response, returning a {@link
 * dev.wsnio.handshake.CompletedHandshake} or throwing a {@link
 * dev.wsnio.handshake.HandshakeFailedException}.
 *
 * <p><b>Extensions.</b> {@link dev.wsnio.handshake.ExtensionHeader} reads and writes the
 * §9.1 grammar; an extension plugs in with a {@link
 * dev.wsnio.handshake.ServerExtensionNegotiator} and a {@link
 * dev.wsnio.handshake.ClientExtensionNegotiator}.
 */
package dev.wsnio.handshake;
