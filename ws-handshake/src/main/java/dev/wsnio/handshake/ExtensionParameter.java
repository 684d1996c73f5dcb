package dev.wsnio.handshake;

import java.util.Optional;

/**
 * One {@code extension-param} of a {@code Sec-WebSocket-Extensions} element (RFC 6455 §9.1):
 * a name, and optionally a value, both tokens. A value that arrived as a quoted string is
 * stored unquoted; §9.1 requires it to be a token after unquoting, so it is always written
 * back as a plain token.
 *
 * @param name  the parameter name, a token
 * @param value the value, a token, or empty for a parameter without value
 */
public record ExtensionParameter(String name, Optional<String> value) {

    /**
     * Validates the parameter.
     *
     * @param name  the parameter name, a token
     * @param value the value, a token, or empty
     * @throws IllegalArgumentException when the name or the value is not a token
     */
    public ExtensionParameter {
        if (!HttpGrammar.isToken(name)) {
            throw new IllegalArgumentException("extension parameter name is not a token: " + name);
        }
        if (value.isPresent() && !HttpGrammar.isToken(value.get())) {
            throw new IllegalArgumentException("extension parameter value is not a token: " + value.get());
        }
    }

    /**
     * A parameter without value, such as {@code client_no_context_takeover}.
     *
     * @param name the parameter name, a token
     * @return the parameter
     * @throws IllegalArgumentException when the name is not a token
     */
    public static ExtensionParameter of(String name) {
        return new ExtensionParameter(name, Optional.empty());
    }

    /**
     * A parameter with a value, such as {@code server_max_window_bits=10}.
     *
     * @param name  the parameter name, a token
     * @param value the value, a token
     * @return the parameter
     * @throws IllegalArgumentException when the name or the value is not a token
     */
    public static ExtensionParameter of(String name, String value) {
        return new ExtensionParameter(name, Optional.of(value));
    }

    /**
     * The parameter as written in the header: {@code name} or {@code name=value}.
     *
     * @return the header form
     */
    @Override
    public String toString() {
        return value.map(v -> name + "=" + v).orElse(name);
    }
}
