package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the cookies of a request from its {@code Cookie} header, in the form a user agent
 * writes it (RFC 6265 §5.4): {@code name=value; name2=value2}.
 *
 * <p>Pairs are split at {@code ;}, stripped of whitespace, and split at their first
 * {@code =}; empty pairs are skipped. A pair without {@code =} is a cookie with an empty name,
 * which is how browsers serialise a nameless cookie (RFC 6265bis). Values are kept as sent:
 * not percent-decoded, and surrounding double quotes, which RFC 6265 §4.1.1 allows, are part
 * of the value. Several {@code Cookie} lines (not sent by browsers over HTTP/1.1) are read in
 * order as one list.
 */
public final class CookieParser {

    private CookieParser() {
    }

    /**
     * The cookies of every {@code Cookie} line, in order.
     *
     * @param headers the request headers
     * @return the cookies, a name possibly repeated
     */
    public static NamedValues parse(HttpHeaders headers) {
        List<NamedValues.Entry> cookies = new ArrayList<>();
        for (String line : headers.all(HeaderNames.COOKIE)) {
            for (String pair : line.split(";", -1)) {
                String trimmed = HttpGrammar.trimWhitespace(pair);
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                cookies.add(equals < 0
                        ? new NamedValues.Entry("", trimmed)
                        : new NamedValues.Entry(HttpGrammar.trimWhitespace(trimmed.substring(0, equals)),
                                HttpGrammar.trimWhitespace(trimmed.substring(equals + 1))));
            }
        }
        return NamedValues.of(cookies);
    }
}
