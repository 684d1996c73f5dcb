package dev.wsnio.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which {@code Origin} a server accepts WebSocket handshakes from (RFC 6455 §10.2); a
 * refused origin is answered with 403 Forbidden.
 *
 * <p><b>Why it matters.</b> A browser lets any page open a WebSocket to any server and sends
 * the user's cookies along; the only sign of which page asked is the {@code Origin} header,
 * which page scripts cannot forge. A server that authenticates WebSocket connections by
 * cookie and accepts every origin is open to cross-site WebSocket hijacking: a hostile page
 * connects in the user's name. Checking the origin closes that hole.
 *
 * <p><b>Missing origin.</b> Non-browser clients (command-line tools, other servers) usually
 * send no {@code Origin}. They are not the hijacking threat, since they have no victim's
 * cookies, but they are not vouched for either. So: {@link #allowAll()} allows a missing
 * origin; {@link #allowOnly(String...)}, {@link #sameHost()} and {@link #matching(Predicate)}
 * refuse it unless {@link #allowingMissingOrigin()} says otherwise. The literal origin
 * {@code null} that browsers send from sandboxed or file pages is a present origin like any
 * other.
 *
 * <pre>{@code
 * OriginPolicy.allowAll();                                  // the default
 * OriginPolicy.allowOnly("https://example.com", "https://app.example.com:8443");
 * OriginPolicy.sameHost().allowingMissingOrigin();          // pages this server served itself
 * OriginPolicy.matching(origin -> origin.endsWith(".example.com")).allowingMissingOrigin();
 * }</pre>
 */
public final class OriginPolicy {

    private static final OriginPolicy ALLOW_ALL = new OriginPolicy((origin, host) -> true, true, "allow all");

    /** Tests an origin, knowing the request's {@code Host} (null when it has none). */
    private final BiPredicate<String, String> acceptsOrigin;
    private final boolean acceptsMissingOrigin;
    private final String description;

    private OriginPolicy(BiPredicate<String, String> acceptsOrigin, boolean acceptsMissingOrigin, String description) {
        this.acceptsOrigin = acceptsOrigin;
        this.acceptsMissingOrigin = acceptsMissingOrigin;
        this.description = description;
    }

    /**
     * Accepts every origin, and requests without one. The default: right for public
     * services that do not authenticate by cookie.
     *
     * @return the policy
     */
    public static OriginPolicy allowAll() {
        return ALLOW_ALL;
    }

    /**
     * Accepts only the listed origins, compared exactly but ignoring case; refuses requests
     * without an origin.
     *
     * @param origins serialized origins, {@code scheme://host} or {@code scheme://host:port},
     *                without path or trailing slash, as browsers send them (so no default
     *                port: {@code https://example.com}, not {@code https://example.com:443})
     * @return the policy
     * @throws IllegalArgumentException when an entry is not of that form
     */
    public static OriginPolicy allowOnly(String... origins) {
        return allowOnly(Arrays.asList(origins));
    }

    /**
     * Accepts only the listed origins, compared exactly but ignoring case; refuses requests
     * without an origin.
     *
     * @param origins serialized origins, as for {@link #allowOnly(String...)}
     * @return the policy
     * @throws IllegalArgumentException when an entry is not of that form
     */
    public static OriginPolicy allowOnly(Collection<String> origins) {
        Set<String> allowed = origins.stream()
                .map(OriginPolicy::checkSerializedOrigin)
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy((origin, host) -> allowed.contains(origin.toLowerCase(Locale.ROOT)), false,
                "allow only " + allowed);
    }

    /**
     * Accepts only pages served by this server under the name the browser used to reach it:
     * an origin whose host and port are those of the request's {@code Host} header (an absent
     * port being the origin scheme's default, 80 or 443); refuses requests without an origin.
     * Nothing to configure, and it follows the server wherever it runs (any port, behind a
     * plain TCP relay). It is the check against cross-site WebSocket hijacking for a server
     * that serves its own pages: another site's page has another origin. (A rebound DNS name
     * pointing at this server passes, but the browser sends that name's cookies, not this
     * server's; check {@code Host} against your own names if that matters.)
     *
     * @return the policy
     */
    public static OriginPolicy sameHost() {
        return new OriginPolicy(OriginPolicy::isSameHost, false, "same host as the request");
    }

    /**
     * Accepts the origins a predicate accepts; refuses requests without an origin.
     *
     * @param predicate called with the {@code Origin} header value, from whichever thread
     *                  runs the handshake, so it must be thread-safe
     * @return the policy
     */
    public static OriginPolicy matching(Predicate<String> predicate) {
        Objects.requireNonNull(predicate);
        return new OriginPolicy((origin, host) -> predicate.test(origin), false, "matching " + predicate);
    }

    /**
     * This policy, but also accepting requests that carry no {@code Origin} (non-browser
     * clients).
     *
     * @return the more permissive policy
     */
    public OriginPolicy allowingMissingOrigin() {
        return new OriginPolicy(acceptsOrigin, true, description + ", or no origin");
    }

    /**
     * Whether a request with this {@code Origin} is accepted.
     *
     * @param origin the {@code Origin} header value
     * @param host the request's {@code Host} header value, or null when it has none
     * @return true to accept
     */
    public boolean allows(String origin, String host) {
        return acceptsOrigin.test(origin, host);
    }

    /**
     * Whether a request without an {@code Origin} header is accepted.
     *
     * @return true to accept
     */
    public boolean allowsMissingOrigin() {
        return acceptsMissingOrigin;
    }

    /**
     * What the policy accepts, for logs.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "OriginPolicy[" + description + "]";
    }

    /**
     * RFC 6454 §4: an origin is scheme, host and port; RFC 9110 §7.2: {@code Host} is
     * {@code uri-host [":" port]}, the port omitted when it is the scheme's default.
     */
    private static boolean isSameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI page = parse(origin);
        URI requested = parse("http://" + host);
        if (page == null || requested == null || page.getHost() == null || requested.getHost() == null
                || !requested.getRawPath().isEmpty() || requested.getRawUserInfo() != null) {
            return false;
        }
        int defaultPort = switch (page.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0) {
            return false;
        }
        int pagePort = page.getPort() < 0 ? defaultPort : page.getPort();
        int requestedPort = requested.getPort() < 0 ? defaultPort : requested.getPort();
        return page.getHost().equalsIgnoreCase(requested.getHost()) && pagePort == requestedPort;
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** An entry that could never match a browser's Origin is a configuration mistake. */
    private static String checkSerializedOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + origin, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "an origin is scheme://host[:port], without path or trailing slash: " + origin);
        }
        return origin;
    }
}
