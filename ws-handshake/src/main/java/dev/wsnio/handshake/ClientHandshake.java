package dev.wsnio.handshake;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1), without I/O: the request to
 * send, and the verification of the server's response. One instance is one attempt: it holds
 * the random key that the response must prove it has seen.
 *
 * <pre>{@code
 * ClientHandshake handshake = ClientHandshake.builder(URI.create("wss://example.com/chat"))
 *         .subprotocols("v2.chat")
 *         .header("Origin", "https://example.com")
 *         .build();
 * write(ByteBuffer.wrap(handshake.requestBytes()));
 *
 * HttpResponseParser parser = new HttpResponseParser();
 * if (parser.parse(buffer)) {            // HttpParseException: HandshakeFailedException.malformedResponse
 *     CompletedHandshake done = handshake.verify(parser.result());
 *     // the rest of buffer is the server's first frames
 * }
 * }</pre>
 */
public final class ClientHandshake {

    /** The headers the handshake writes itself; the user may not set or override them. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of(
            HeaderNames.HOST, HeaderNames.UPGRADE, HeaderNames.CONNECTION,
            HeaderNames.SEC_WEBSOCKET_KEY, HeaderNames.SEC_WEBSOCKET_VERSION,
            HeaderNames.SEC_WEBSOCKET_PROTOCOL, HeaderNames.SEC_WEBSOCKET_EXTENSIONS,
            HeaderNames.SEC_WEBSOCKET_ACCEPT,
            // a handshake has no body: bytes after the head are frames
            HeaderNames.CONTENT_LENGTH, HeaderNames.TRANSFER_ENCODING)
            .stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private final WebSocketUri uri;
    private final WebSocketKey key;
    private final HttpHeaders requestHeaders;
    private final HandshakeResponseVerifier verifier;
    private final HandshakeRequest request;

    private ClientHandshake(Builder builder) {
        this.uri = builder.uri;
        this.key = WebSocketKey.random();
        List<WebSocketExtension> offers = new ArrayList<>();
        for (ClientExtensionNegotiator negotiator : builder.negotiators) {
            negotiator.offers().forEach(offer -> offers.add(new WebSocketExtension(negotiator.name(), offer)));
        }
        HttpHeaders headers = HttpHeaders.empty()
                .with(HeaderNames.HOST, uri.hostHeader())
                .with(HeaderNames.UPGRADE, "websocket")
                .with(HeaderNames.CONNECTION, "Upgrade")
                .with(HeaderNames.SEC_WEBSOCKET_KEY, key.value())
                .with(HeaderNames.SEC_WEBSOCKET_VERSION, "13");
        if (!builder.subprotocols.isEmpty()) {
            headers = headers.with(HeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", builder.subprotocols));
        }
        if (!offers.isEmpty()) {
            headers = headers.with(HeaderNames.SEC_WEBSOCKET_EXTENSIONS, ExtensionHeader.format(offers));
        }
        for (HttpField field : builder.extraHeaders) {
            headers = headers.with(field.name(), field.value());
        }
        this.requestHeaders = headers;
        this.verifier = new HandshakeResponseVerifier(key, builder.subprotocols, builder.negotiators);
        this.request = describeRequest(offers, builder.subprotocols);
    }

    /** The request as a {@link HandshakeRequest}, the form a server's application sees. */
    private HandshakeRequest describeRequest(List<WebSocketExtension> offers, List<String> subprotocols) {
        RequestTarget target;
        try {
            target = RequestTarget.parse(uri.requestTarget());
        } catch (HttpParseException e) {
            throw new IllegalArgumentException("the URI's path and query are not a valid request target: " + uri, e);
        }
        HttpRequestHead head = new HttpRequestHead(new RequestLine("GET", target, HttpVersion.HTTP_1_1), requestHeaders);
        return new HandshakeRequest(head, requestHeaders.first(HeaderNames.ORIGIN), subprotocols, offers, null);
    }

    /**
     * Starts a handshake for a WebSocket URI.
     *
     * @param uri a ws:// or wss:// URI
     * @return a builder
     * @throws IllegalArgumentException when the URI is not a valid WebSocket URI (see {@link
     *                                  WebSocketUri})
     */
    public static Builder builder(URI uri) {
        return new Builder(WebSocketUri.of(uri));
    }

    /**
     * The URI, with the host, port and TLS choice to connect with.
     *
     * @return the checked URI
     */
    public WebSocketUri uri() {
        return uri;
    }

    /**
     * The key sent in {@code Sec-WebSocket-Key}, fresh for this handshake.
     *
     * @return the key
     */
    public WebSocketKey key() {
        return key;
    }

    /**
     * The header fields of the request, in the order they are sent.
     *
     * @return the headers
     */
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    /**
     * The request this handshake sends, as a {@link HandshakeRequest}: path, query parameters,
     * headers, origin, offered subprotocols and extensions (what a client's WebSocket handle
     * reports as its request). It has no remote address.
     *
     * @return the request
     */
    public HandshakeRequest request() {
        return request;
    }

    /**
     * The request to send: {@code GET target HTTP/1.1} and the headers.
     *
     * @return the bytes of the request head
     */
    public byte[] requestBytes() {
        return HeadWriter.write("GET " + uri.requestTarget() + " " + HttpVersion.HTTP_1_1, requestHeaders);
    }

    /**
     * Checks the server's response as RFC 6455 §4.1 requires.
     *
     * @param response the parsed response head
     * @return what was established: subprotocol and extensions
     * @throws HandshakeFailedException when a check fails; the connection must be failed
     */
    public CompletedHandshake verify(HttpResponseHead response) throws HandshakeFailedException {
        return verifier.verify(response);
    }

    /** Configures a {@link ClientHandshake}; not thread-safe. */
    public static final class Builder {

        private final WebSocketUri uri;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<ClientExtensionNegotiator> negotiators = new ArrayList<>();
        private final List<HttpField> extraHeaders = new ArrayList<>();

        private Builder(WebSocketUri uri) {
            this.uri = uri;
        }

        /**
         * Sets the subprotocols to offer, most preferred first (§4.1 item 10).
         *
         * @param names subprotocol names, tokens, no duplicates
         * @return this builder
         * @throws IllegalArgumentException when a name is not a token or is repeated
         */
        public Builder subprotocols(String... names) {
            subprotocols.clear();
            subprotocols.addAll(HttpGrammar.distinctTokens(names));
            return this;
        }

        /**
         * Sets the extensions to offer, most preferred first (§4.1 item 11, §9.1).
         *
         * @param extensionNegotiators one negotiator per extension name
         * @return this builder
         * @throws IllegalArgumentException when two negotiators have the same name
         */
        public Builder extensions(ClientExtensionNegotiator... extensionNegotiators) {
            Set<String> distinct = new HashSet<>();
            for (ClientExtensionNegotiator negotiator : extensionNegotiators) {
                if (!distinct.add(negotiator.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two negotiators for extension " + negotiator.name());
                }
            }
            negotiators.clear();
            negotiators.addAll(Arrays.asList(extensionNegotiators));
            return this;
        }

        /**
         * Adds a header field to the request, such as {@code Origin}, {@code Authorization},
         * {@code Cookie} or {@code User-Agent}, after the handshake's own.
         *
         * @param name  the field name, a token
         * @param value the field value
         * @return this builder
         * @throws IllegalArgumentException when the field is invalid (see {@link HttpField}) or
         *                                  is one the handshake sets itself: {@code Host},
         *                                  {@code Upgrade}, {@code Connection}, the {@code
         *                                  Sec-WebSocket-*} headers, or the body headers
         *                                  {@code Content-Length} and {@code Transfer-Encoding}
         */
        public Builder header(String name, String value) {
            if (HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is set by the handshake itself");
            }
            extraHeaders.add(new HttpField(name, value));
            return this;
        }

        /**
         * Builds the handshake, with a fresh random key.
         *
         * @return the handshake
         * @throws IllegalArgumentException when the URI's path and query do not form a valid
         *                                  request target (see {@link RequestTarget#parse})
         */
        public ClientHandshake build() {
            return new ClientHandshake(this);
        }
    }
}
