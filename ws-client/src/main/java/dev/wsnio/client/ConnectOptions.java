package dev.wsnio.client;

import dev.wsnio.handshake.ClientExtensionNegotiator;
import dev.wsnio.handshake.ClientHandshake;
import dev.wsnio.handshake.HttpField;
import dev.wsnio.handshake.WebSocketUri;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one connection asks for: the {@code ws://} or {@code wss://} URI, extra request headers
 * (such as {@code Origin}, {@code Authorization}, {@code Cookie}), the subprotocols to offer and
 * the local address to connect from. Immutable; checked when built. The client-wide settings
 * (timeouts, TLS, proxy, extensions, limits) are on {@link WebSocketClient.Builder}.
 *
 * <pre>{@code
 * ConnectOptions options = ConnectOptions.builder(URI.create("wss://example.com/chat?uid=42"))
 *         .header("Origin", "https://example.com")
 *         .subprotocols("v2.chat")
 *         .build();
 * }</pre>
 */
public final class ConnectOptions {

    /** Headers that carry credentials: not sent on to another origin after a redirect. */
    private static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "cookie");

    private final URI uri;
    private final List<HttpField> headers;
    private final List<String> subprotocols;
    private final InetAddress localAddress;

    private ConnectOptions(URI uri, List<HttpField> headers, List<String> subprotocols, InetAddress localAddress) {
        this.uri = uri;
        this.headers = List.copyOf(headers);
        this.subprotocols = List.copyOf(subprotocols);
        this.localAddress = localAddress;
    }

    /**
     * Options with nothing but the URI.
     *
     * @param uri a ws:// or wss:// URI
     * @return the options
     * @throws IllegalArgumentException when the URI is not a valid WebSocket URI
     */
    public static ConnectOptions of(URI uri) {
        return builder(uri).build();
    }

    /**
     * Starts options for a URI.
     *
     * @param uri a ws:// or wss:// URI
     * @return a builder
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * The URI to connect to.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The extra request header fields, in order.
     *
     * @return the fields
     */
    public List<HttpField> headers() {
        return headers;
    }

    /**
     * The subprotocols offered, most preferred first.
     *
     * @return the names, possibly none
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * The local address connections are made from.
     *
     * @return the address, or empty to let the system choose
     */
    public Optional<InetAddress> localAddress() {
        return Optional.ofNullable(localAddress);
    }

    /**
     * A fresh handshake (with a new random key) for one attempt.
     *
     * @param negotiators the client's extension offers
     * @return the handshake
     */
    ClientHandshake handshake(List<ClientExtensionNegotiator> negotiators) {
        ClientHandshake.Builder builder = ClientHandshake.builder(uri)
                .subprotocols(subprotocols.toArray(String[]::new))
                .extensions(negotiators.toArray(ClientExtensionNegotiator[]::new));
        for (HttpField field : headers) {
            builder.header(field.name(), field.value());
        }
        return builder.build();
    }

    /**
     * The options for following a redirect: the same request sent to the location. Locations
     * with {@code http}/{@code https} schemes map to {@code ws}/{@code wss}; relative ones
     * resolve against the current URI. Credentials ({@code Authorization}, {@code Cookie}) are
     * kept only when the scheme, host and port stay the same.
     *
     * @param location the {@code Location} header value
     * @return the new options, or empty when the location is unusable or leaves TLS
     */
    Optional<ConnectOptions> redirectedTo(String location) {
        URI target;
        try {
            // resolved against the current ws:// or wss:// URI: it has a scheme, the location's or ours
            target = uri.resolve(new URI(location.trim()));
            String scheme = target.getScheme().toLowerCase(Locale.ROOT);
            String mapped = switch (scheme) {
                case "http", "ws" -> "ws";
                case "https", "wss" -> "wss";
                default -> null;
            };
            if (mapped == null) {
                return Optional.empty();
            }
            target = new URI(mapped, target.getRawAuthority(), target.getRawPath(), target.getRawQuery(), null);
            target = new URI(target.toString()); // re-parse: the constructor above may quote
            WebSocketUri checked = WebSocketUri.of(target);
            WebSocketUri current = WebSocketUri.of(uri);
            if (current.isSecure() && !checked.isSecure()) {
                return Optional.empty(); // never downgrade wss to ws
            }
            boolean sameOrigin = checked.isSecure() == current.isSecure()
                    && checked.host().equalsIgnoreCase(current.host()) && checked.port() == current.port();
            List<HttpField> kept = new ArrayList<>();
            for (HttpField field : headers) {
                if (sameOrigin || !CREDENTIAL_HEADERS.contains(field.name().toLowerCase(Locale.ROOT))) {
                    kept.add(field);
                }
            }
            return Optional.of(new ConnectOptions(target, kept, subprotocols, localAddress));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The URI and options, for logs (header values are left out: they may hold credentials).
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ConnectOptions[" + uri + ", " + headers.size() + " extra headers, subprotocols " + subprotocols
                + (localAddress == null ? "" : ", from " + localAddress.getHostAddress()) + "]";
    }

    /** Configures {@link ConnectOptions}; not thread-safe. */
    public static final class Builder {

        private final URI uri;
        private final List<HttpField> headers = new ArrayList<>();
        private final List<String> subprotocols = new ArrayList<>();
        private InetAddress localAddress;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * Adds a request header field, sent after the handshake's own.
         *
         * @param name the field name, a token; not one the handshake sets itself ({@code Host},
         *     {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}, body headers)
         * @param value the field value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.add(new HttpField(name, value));
            return this;
        }

        /**
         * Sets the subprotocols to offer, most preferred first (RFC 6455 §4.1).
         *
         * @param names distinct tokens
         * @return this builder
         */
        public Builder subprotocols(String... names) {
            subprotocols.clear();
            subprotocols.addAll(List.of(names));
            return this;
        }

        /**
         * The local address to connect from (its port is chosen by the system). A load tool
         * uses it to spread many connections over 127.0.0.2, 127.0.0.3, … and so over more
         * ephemeral ports than one source address has.
         *
         * @param address a local address, or null for the system's choice
         * @return this builder
         */
        public Builder localAddress(InetAddress address) {
            this.localAddress = address;
            return this;
        }

        /**
         * Checks and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the URI is not a valid WebSocket URI, a
         *     subprotocol is not a distinct token, or a header is invalid or one the handshake
         *     sets itself
         */
        public ConnectOptions build() {
            ConnectOptions options = new ConnectOptions(uri, headers, subprotocols, localAddress);
            options.handshake(List.of()); // validates everything the handshake will send
            return options;
        }
    }
}
