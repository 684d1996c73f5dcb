package dev.wsnio;

import dev.wsnio.handshake.CookieParser;
import dev.wsnio.handshake.HttpField;
import dev.wsnio.handshake.HttpHeaders;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.RequestTarget;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP request that opened a WebSocket connection (RFC 6455 §4.1): where it went, what it
 * carried, where it came from. Immutable.
 *
 * <p><b>What is kept.</b> A server's upgrade hook sees the whole request. An open connection
 * keeps only its path and query, its peer's address, and the header fields its endpoint
 * asked to keep ({@code WebSocketEndpoint.Builder.keepHeaders}): an idle connection should not
 * pay for a request head it will never read again. Asking an open server connection for a
 * header that was not kept fails with {@link IllegalStateException}, naming the option. A
 * client's connection keeps the request it sent, whole.
 */
public final class UpgradeRequest {

    private final String target;
    private final HttpHeaders headers;
    /** The lower-case names of the fields kept, or null when every field is. */
    private final Set<String> kept;
    private final InetSocketAddress remoteAddress;

    private UpgradeRequest(String target, HttpHeaders headers, Set<String> kept, InetSocketAddress remoteAddress) {
        this.target = target;
        this.headers = headers;
        this.kept = kept;
        this.remoteAddress = remoteAddress;
    }

    /**
     * A whole request. Made by the server (for its upgrade hook) and the client (for the
     * request it sent), from a request they have parsed and checked.
     *
     * @param target the request target as received (path and query), already validated
     * @param headers every header field
     * @param remoteAddress the peer's address, or null when unknown
     * @return the request
     */
    public static UpgradeRequest of(String target, HttpHeaders headers, InetSocketAddress remoteAddress) {
        return new UpgradeRequest(Objects.requireNonNull(target), Objects.requireNonNull(headers), null,
                remoteAddress);
    }

    /**
     * The names of the header fields an endpoint keeps, as {@link #keeping} takes them: made
     * once per endpoint.
     *
     * @param headerNames field names, any case
     * @return the names in lower case
     */
    public static Set<String> keptHeaderNames(Set<String> headerNames) {
        return headerNames.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What an open connection keeps of this request: path, query, peer address, and the named
     * header fields.
     *
     * @param keptNames the names of the fields to keep, from {@link #keptHeaderNames}
     * @param targetToShare a string equal to the target to keep instead of this request's own
     *     (the endpoint's path, so that connections without a query share it), or null
     * @return the reduced request
     */
    public UpgradeRequest keeping(Set<String> keptNames, String targetToShare) {
        HttpHeaders keptFields = HttpHeaders.empty();
        if (!keptNames.isEmpty()) {
            List<HttpField> fields = new ArrayList<>();
            for (HttpField field : headers.fields()) {
                if (keptNames.contains(field.name().toLowerCase(Locale.ROOT))) {
                    fields.add(field);
                }
            }
            keptFields = HttpHeaders.of(fields);
        }
        String keptTarget = target.equals(targetToShare) ? targetToShare : target;
        return new UpgradeRequest(keptTarget, keptFields, keptNames, remoteAddress);
    }

    private static RequestTarget target(String raw) {
        try {
            return RequestTarget.parse(raw);
        } catch (HttpParseException e) {
            throw new IllegalArgumentException("not a valid request target: " + raw, e);
        }
    }

    /**
     * The path, percent-decoded as UTF-8.
     *
     * @return the decoded path, for example {@code /chat room}
     */
    public String path() {
        return target(target).path();
    }

    /**
     * The path as received, still percent-encoded.
     *
     * @return the raw path, for example {@code /chat%20room}
     */
    public String rawPath() {
        return target(target).rawPath();
    }

    /**
     * The query as received, without the {@code ?}.
     *
     * @return the raw query, empty when there is none
     */
    public Optional<String> rawQuery() {
        return target(target).rawQuery();
    }

    /**
     * The first value of a query parameter, decoded: {@code /ws?uid=ttq123} has {@code uid}
     * {@code ttq123}.
     *
     * @param name the parameter's name
     * @return its value, or empty when absent
     */
    public Optional<String> queryParameter(String name) {
        return target(target).queryParameters().first(name);
    }

    /**
     * Every value of a query parameter, decoded, in order.
     *
     * @param name the parameter's name
     * @return the values, possibly none
     */
    public List<String> queryParameters(String name) {
        return target(target).queryParameters().all(name);
    }

    /**
     * The first value of a header field.
     *
     * @param name the field's name, any case
     * @return its value, or empty when absent
     * @throws IllegalStateException on an open server connection whose endpoint did not keep it
     */
    public Optional<String> header(String name) {
        return keptHeaders(name).first(name);
    }

    /**
     * Every value of a header field, one per line received, in order.
     *
     * @param name the field's name, any case
     * @return the values, possibly none
     * @throws IllegalStateException on an open server connection whose endpoint did not keep it
     */
    public List<String> headers(String name) {
        return keptHeaders(name).all(name);
    }

    /**
     * The value of a cookie from the {@code Cookie} header (RFC 6265 §5.4), as sent.
     *
     * @param name the cookie's name
     * @return its value, or empty when absent
     * @throws IllegalStateException on an open server connection whose endpoint did not keep
     *     {@code Cookie}
     */
    public Optional<String> cookie(String name) {
        return CookieParser.parse(keptHeaders("Cookie")).first(name);
    }

    /**
     * The {@code Origin} header: the page that opened the connection, when a browser did
     * (RFC 6455 §10.2).
     *
     * @return the origin, or empty when the client sent none
     * @throws IllegalStateException on an open server connection whose endpoint did not keep
     *     {@code Origin}
     */
    public Optional<String> origin() {
        return header("Origin");
    }

    /**
     * The subprotocols the client offered in {@code Sec-WebSocket-Protocol}, most preferred
     * first.
     *
     * @return the offered subprotocols, possibly none
     * @throws IllegalStateException on an open server connection whose endpoint did not keep
     *     {@code Sec-WebSocket-Protocol}
     */
    public List<String> subprotocols() {
        return keptHeaders("Sec-WebSocket-Protocol").tokens("Sec-WebSocket-Protocol");
    }

    /**
     * The peer's address, when known.
     *
     * @return the remote address, or empty
     */
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    private HttpHeaders keptHeaders(String name) {
        if (kept != null && !kept.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("the '" + name + "' header of the opening request was not kept;"
                    + " keep it with WebSocketEndpoint.Builder.keepHeaders(\"" + name + "\")");
        }
        return headers;
    }

    /**
     * The request target and peer, for logs.
     *
     * @return a description of the request
     */
    @Override
    public String toString() {
        return "UpgradeRequest[" + target + " from " + (remoteAddress == null ? "unknown" : remoteAddress) + "]";
    }
}
