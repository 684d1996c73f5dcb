package dev.wsnio.handshake;

/**
 * One {@code extension} of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an
 * extension name with its parameters, as a client offers it or as a server accepts it, for
 * example {@code permessage-deflate; client_max_window_bits}.
 *
 * @param name       the extension name, a token; names are matched ignoring case
 * @param parameters the parameters, in order
 */
public record WebSocketExtension(String name, ExtensionParameters parameters) {

    /**
     * Validates the extension.
     *
     * @param name       the extension name, a token
     * @param parameters the parameters
     * @throws IllegalArgumentException when the name is not a token
     */
    public WebSocketExtension {
        if (!HttpGrammar.isToken(name)) {
            throw new IllegalArgumentException("extension name is not a token: " + name);
        }
    }

    /**
     * An extension without parameters.
     *
     * @param name the extension name, a token
     * @return the extension
     * @throws IllegalArgumentException when the name is not a token
     */
    public static WebSocketExtension of(String name) {
        return new WebSocketExtension(name, ExtensionParameters.empty());
    }

    /**
     * Whether this extension has the given name, ignoring case.
     *
     * @param otherName an extension name
     * @return true when the names match
     */
    public boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /**
     * The extension as written in the header.
     *
     * @return for example {@code permessage-deflate; client_max_window_bits}
     */
    @Override
    public String toString() {
        return name + parameters;
    }
}
