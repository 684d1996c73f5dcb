package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for one {@code Sec-WebSocket-Extensions} field value, one method
 * per rule of RFC 6455 §9.1:
 *
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * Optional whitespace is allowed around {@code ,}, {@code ;} and {@code =} (the implied
 * linear whitespace of RFC 2616's grammar, which §9.1 uses); empty list elements are
 * ignored (RFC 9110 §5.6.1). A quoted value must be a token once unquoted.
 */
final class ExtensionListParser {

    private final String text;
    private int position;

    private ExtensionListParser(String text) {
        this.text = text;
    }

    /**
     * Parses a field value.
     *
     * @param fieldValue one line's value
     * @return the extensions, in order
     * @throws ExtensionNegotiationException when the value does not follow the grammar
     */
    static List<WebSocketExtension> parse(String fieldValue) throws ExtensionNegotiationException {
        return new ExtensionListParser(fieldValue).extensionList();
    }

    private List<WebSocketExtension> extensionList() throws ExtensionNegotiationException {
        List<WebSocketExtension> extensions = new ArrayList<>();
        skipWhitespace();
        while (!atEnd()) {
            if (peek() != ',') {
                extensions.add(extension());
                skipWhitespace();
            }
            if (!atEnd()) {
                expect(',');
                skipWhitespace();
            }
        }
        return extensions;
    }

    private WebSocketExtension extension() throws ExtensionNegotiationException {
        String name = token("extension name");
        List<ExtensionParameter> parameters = new ArrayList<>();
        skipWhitespace();
        while (!atEnd() && peek() == ';') {
            position++;
            skipWhitespace();
            parameters.add(extensionParameter());
            skipWhitespace();
        }
        return new WebSocketExtension(name, ExtensionParameters.of(parameters));
    }

    private ExtensionParameter extensionParameter() throws ExtensionNegotiationException {
        String name = token("parameter name");
        skipWhitespace();
        if (atEnd() || peek() != '=') {
            return ExtensionParameter.of(name);
        }
        position++;
        skipWhitespace();
        String value = !atEnd() && peek() == '"' ? quotedToken() : token("parameter value");
        return ExtensionParameter.of(name, value);
    }

    /** {@code quoted-string} (RFC 9110 §5.6.4) whose unescaped content is a token. */
    private String quotedToken() throws ExtensionNegotiationException {
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw malformed("unterminated quoted string");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw malformed("unterminated quoted string");
                }
                c = text.charAt(position++);
            }
            value.append(c);
        }
        if (!HttpGrammar.isToken(value.toString())) {
            throw malformed("quoted parameter value is not a token after unquoting (RFC 6455 §9.1)");
        }
        return value.toString();
    }

    private String token(String what) throws ExtensionNegotiationException {
        int start = position;
        while (!atEnd() && HttpGrammar.isTokenChar(peek())) {
            position++;
        }
        if (position == start) {
            throw malformed("expected " + what);
        }
        return text.substring(start, position);
    }

    private void expect(char c) throws ExtensionNegotiationException {
        if (peek() != c) {
            throw malformed("expected '" + c + "'");
        }
        position++;
    }

    private void skipWhitespace() {
        while (!atEnd() && HttpGrammar.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position == text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private ExtensionNegotiationException malformed(String problem) {
        return new ExtensionNegotiationException(
                "malformed Sec-WebSocket-Extensions at offset " + position + ": " + problem);
    }
}
