package dev.wsnio.handshake;

import dev.wsnio.frame.PerMessageDeflateParameters;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The parameters of one permessage-deflate offer or response as they are written in
 * {@code Sec-WebSocket-Extensions} (RFC 7692 §7.1), validated: both negotiators read and write
 * them through this type.
 *
 * <p>§5 and §7.1 define four parameters, each at most once: two without value, two with a value
 * of 8 to 15 written without leading zeros. {@code client_max_window_bits} may come without a
 * value in an offer (the client supports the parameter, §7.1.2.2) but needs one in a response.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} is present
 * @param clientNoContextTakeover {@code client_no_context_takeover} is present
 * @param serverMaxWindowBits the value of {@code server_max_window_bits}, or empty when absent
 * @param clientMaxWindowBits {@code client_max_window_bits} is present, with or without value
 * @param clientMaxWindowBitsValue the value of {@code client_max_window_bits}, or empty when
 *     absent or without value
 */
record PerMessageDeflateHeaderParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                         OptionalInt serverMaxWindowBits, boolean clientMaxWindowBits,
                                         OptionalInt clientMaxWindowBitsValue) {

    /** The extension's name (§7). */
    static final String EXTENSION_NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** Whether the parameters come from an offer or a response: they differ in one rule. */
    enum Source {
        /** A client's offer. */
        OFFER,
        /** A server's response. */
        RESPONSE
    }

    /**
     * Reads and validates the parameters of an offer or response.
     *
     * @param parameters the parameters as parsed from the header
     * @param source whether they are an offer or a response
     * @return the validated parameters
     * @throws ExtensionNegotiationException when a parameter is unknown, repeated, has a value
     *     it must not have, lacks one it needs, or has a value outside 8 to 15
     */
    static PerMessageDeflateHeaderParameters parse(ExtensionParameters parameters, Source source)
            throws ExtensionNegotiationException {
        Set<String> seen = new HashSet<>();
        for (ExtensionParameter parameter : parameters.asList()) {
            String name = parameter.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw invalid("parameter " + parameter.name() + " appears more than once (RFC 7692 §5)");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (parameter.value().isPresent()) {
                        throw invalid(parameter + ": this parameter has no value (RFC 7692 §7.1.1)");
                    }
                }
                case SERVER_MAX_WINDOW_BITS, CLIENT_MAX_WINDOW_BITS -> {
                    // values are checked below
                }
                default -> throw invalid("unknown parameter " + parameter + " (RFC 7692 §5)");
            }
        }
        return new PerMessageDeflateHeaderParameters(
                seen.contains(SERVER_NO_CONTEXT_TAKEOVER),
                seen.contains(CLIENT_NO_CONTEXT_TAKEOVER),
                windowBits(find(parameters, SERVER_MAX_WINDOW_BITS), true),
                seen.contains(CLIENT_MAX_WINDOW_BITS),
                windowBits(find(parameters, CLIENT_MAX_WINDOW_BITS), source == Source.RESPONSE));
    }

    /**
     * The parameters as written in the header, in the order of RFC 7692 §7.1.
     *
     * @return the header form
     */
    ExtensionParameters toExtensionParameters() {
        ExtensionParameters written = ExtensionParameters.empty();
        if (serverNoContextTakeover) {
            written = written.with(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            written = written.with(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (serverMaxWindowBits.isPresent()) {
            written = written.with(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits.getAsInt()));
        }
        if (clientMaxWindowBitsValue.isPresent()) {
            written = written.with(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBitsValue.getAsInt()));
        } else if (clientMaxWindowBits) {
            written = written.with(CLIENT_MAX_WINDOW_BITS);
        }
        return written;
    }

    /**
     * The agreed parameters that a response establishes: an absent window limit is 15 bits.
     *
     * @return the agreed parameters
     */
    PerMessageDeflateParameters agreed() {
        return new PerMessageDeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                serverMaxWindowBits.orElse(PerMessageDeflateParameters.MAX_WINDOW_BITS),
                clientMaxWindowBitsValue.orElse(PerMessageDeflateParameters.MAX_WINDOW_BITS));
    }

    private static ExtensionParameter find(ExtensionParameters parameters, String name) {
        for (ExtensionParameter parameter : parameters.asList()) {
            if (parameter.name().equalsIgnoreCase(name)) {
                return parameter;
            }
        }
        return null;
    }

    /**
     * §7.1.2: a window size is 1*DIGIT without leading zeros, 8 to 15.
     *
     * @param parameter the parameter, or null when absent
     * @param valueRequired whether the parameter must have a value
     * @return the value, or empty when the parameter is absent or has none
     */
    private static OptionalInt windowBits(ExtensionParameter parameter, boolean valueRequired)
            throws ExtensionNegotiationException {
        if (parameter == null) {
            return OptionalInt.empty();
        }
        if (parameter.value().isEmpty()) {
            if (valueRequired) {
                throw invalid(parameter + " needs a value of 8 to 15 here (RFC 7692 §7.1.2)");
            }
            return OptionalInt.empty();
        }
        String value = parameter.value().get();
        if (!value.matches("[89]|1[0-5]")) {
            throw invalid(parameter + ": the value must be 8 to 15 without leading zeros (RFC 7692 §7.1.2)");
        }
        return OptionalInt.of(Integer.parseInt(value));
    }

    private static ExtensionNegotiationException invalid(String problem) {
        return new ExtensionNegotiationException(EXTENSION_NAME + ": " + problem);
    }
}
