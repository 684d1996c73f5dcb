package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1). The header
 * may be split over several lines, which read as one list (§4.2.2 item 5.6, errata 3433).
 */
public final class ExtensionHeader {

    private ExtensionHeader() {
    }

    /**
     * Parses every line of the header as one list.
     *
     * @param fieldValues the values of each {@code Sec-WebSocket-Extensions} line, in order
     * @return the extensions, in order, empty when there are none
     * @throws ExtensionNegotiationException when a value does not follow the §9.1 grammar
     */
    public static List<WebSocketExtension> parse(List<String> fieldValues) throws ExtensionNegotiationException {
        List<WebSocketExtension> extensions = new ArrayList<>();
        for (String value : fieldValues) {
            extensions.addAll(ExtensionListParser.parse(value));
        }
        return List.copyOf(extensions);
    }

    /**
     * Writes extensions as one field value, for example {@code permessage-deflate;
     * client_max_window_bits, x-foo}. Values are tokens, so none needs quoting.
     *
     * @param extensions the extensions, in order
     * @return the field value
     */
    public static String format(List<WebSocketExtension> extensions) {
        if (extensions.size() == 1) {
            return extensions.get(0).toString(); // the usual answer: one extension, no joining
        }
        StringBuilder value = new StringBuilder();
        for (WebSocketExtension extension : extensions) {
            if (value.length() > 0) {
                value.append(", ");
            }
            value.append(extension);
        }
        return value.toString();
    }
}
