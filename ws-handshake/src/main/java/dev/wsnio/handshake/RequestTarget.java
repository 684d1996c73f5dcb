package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request target of a request line (RFC 9112 §3.2), split into path and query and
 * decoded.
 *
 * <p>Two forms are accepted: the origin-form {@code /path?query} that browsers send, and the
 * absolute-form {@code http://host/path?query}, which a server MUST accept (RFC 9112 §3.2.2;
 * RFC 6455 §4.2.1 names it too) and whose path and query are used the same way. The
 * asterisk-form {@code *} is accepted for {@code OPTIONS}. The authority-form of {@code
 * CONNECT} is refused: this is not a proxy.
 *
 * <p>Every character must be visible US-ASCII (VCHAR) and not {@code #}: a fragment is never
 * sent (RFC 9110 §7.1, RFC 6455 §3). Beyond that, characters that RFC 3986 would want
 * percent-encoded (such as {@code |}, {@code ^} or {@code {}}) are tolerated, because
 * browsers send some of them as they are.
 *
 * <p>The path is percent-decoded as UTF-8; a decoded {@code %2F} is indistinguishable from a
 * {@code /} in {@link #path()}, so routing that cares should use {@link #rawPath()}. The query
 * is decoded into {@link #queryParameters()} the way HTML forms encode it: pairs separated by
 * {@code &}, name and value separated by the first {@code =} (a missing {@code =} gives an
 * empty value), {@code +} for a space, percent-encoded UTF-8; empty pairs are skipped.
 */
public final class RequestTarget {

    private static final String ASTERISK = "*";

    private final String raw;
    private final String rawPath;
    private final String path;
    private final Optional<String> rawQuery;
    private final NamedValues queryParameters;

    private RequestTarget(String raw, String rawPath, String path, Optional<String> rawQuery,
            NamedValues queryParameters) {
        this.raw = raw;
        this.rawPath = rawPath;
        this.path = path;
        this.rawQuery = rawQuery;
        this.queryParameters = queryParameters;
    }

    /**
     * Parses and decodes a request target.
     *
     * @param raw the target as it appears in the request line
     * @return the parsed target
     * @throws HttpParseException {@link HttpParseError#MALFORMED_REQUEST_TARGET} when the
     *                            target is empty, in an unsupported form, holds a character
     *                            outside VCHAR or a {@code #}, or has a malformed percent
     *                            escape or percent-encoded bytes that are not UTF-8
     */
    public static RequestTarget parse(String raw) throws HttpParseException {
        if (raw.isEmpty()) {
            throw malformed();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!HttpGrammar.isVisible(c) || c == '#') {
                throw malformed();
            }
        }
        if (raw.equals(ASTERISK)) {
            return new RequestTarget(raw, ASTERISK, ASTERISK, Optional.empty(), NamedValues.empty());
        }
        String pathAndQuery = raw.startsWith("/") ? raw : pathAndQueryOfAbsoluteForm(raw);
        int questionMark = pathAndQuery.indexOf('?');
        String rawPath = questionMark < 0 ? pathAndQuery : pathAndQuery.substring(0, questionMark);
        Optional<String> rawQuery = questionMark < 0
                ? Optional.empty()
                : Optional.of(pathAndQuery.substring(questionMark + 1));
        NamedValues parameters = rawQuery.isPresent() ? decodeQuery(rawQuery.get()) : NamedValues.empty();
        return new RequestTarget(raw, rawPath, PercentDecoder.decodePath(rawPath), rawQuery, parameters);
    }

    /** {@code absolute-URI} with an http or https scheme: keep what follows the authority. */
    private static String pathAndQueryOfAbsoluteForm(String raw) throws HttpParseException {
        int schemeEnd = raw.indexOf("://");
        if (schemeEnd < 0) {
            throw malformed();
        }
        String scheme = raw.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw malformed();
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < raw.length() && raw.charAt(authorityEnd) != '/'
                && raw.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        if (authorityEnd == authorityStart) {
            throw malformed();
        }
        String rest = raw.substring(authorityEnd);
        // an empty path is the root (RFC 9112 §3.2.1)
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    private static NamedValues decodeQuery(String rawQuery) throws HttpParseException {
        List<NamedValues.Entry> entries = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            entries.add(new NamedValues.Entry(PercentDecoder.decodeQueryComponent(name),
                    PercentDecoder.decodeQueryComponent(value)));
        }
        return NamedValues.of(entries);
    }

    private static HttpParseException malformed() {
        return new HttpParseException(HttpParseError.MALFORMED_REQUEST_TARGET);
    }

    /**
     * The target exactly as received.
     *
     * @return the raw target
     */
    public String raw() {
        return raw;
    }

    /**
     * The path as received, still percent-encoded; {@code *} for the asterisk-form.
     *
     * @return the raw path, for example {@code /chat%20room}
     */
    public String rawPath() {
        return rawPath;
    }

    /**
     * The path, percent-decoded as UTF-8; {@code +} stays a {@code +}. It is not normalised:
     * dot segments such as {@code /../} stay, so code that maps paths to files must guard
     * against traversal itself.
     *
     * @return the decoded path, for example {@code /chat room}
     */
    public String path() {
        return path;
    }

    /**
     * The query as received, without the {@code ?}, still encoded.
     *
     * @return the raw query, empty when the target has no {@code ?}
     */
    public Optional<String> rawQuery() {
        return rawQuery;
    }

    /**
     * The decoded query parameters, in order; {@code /ws?uid=ttq123} gives {@code
     * uid=ttq123}.
     *
     * @return the parameters, empty when there is no query
     */
    public NamedValues queryParameters() {
        return queryParameters;
    }

    /**
     * Whether this is the asterisk-form {@code *} of a server-wide {@code OPTIONS}.
     *
     * @return true for {@code *}
     */
    public boolean isAsterisk() {
        return raw.equals(ASTERISK);
    }

    /**
     * Equal when the raw targets are equal (everything else is derived from them).
     *
     * @param other another object
     * @return true for equal targets
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RequestTarget target && raw.equals(target.raw);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the raw target
     */
    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    /**
     * The raw target.
     *
     * @return the raw target
     */
    @Override
    public String toString() {
        return raw;
    }
}
