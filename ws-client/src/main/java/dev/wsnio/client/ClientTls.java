package dev.wsnio.client;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Makes the client's {@link SSLEngine}s for {@code wss://}: client mode, created with the
 * server's host and port (so the session can be resumed and the name sent), Server Name
 * Indication for host names (RFC 6066 §3; never for IP literals), and hostname verification
 * against the certificate (RFC 2818 §3.1 rules, the JDK's {@code "HTTPS"} identification), which
 * is on unless explicitly switched off for tests.
 */
final class ClientTls {

    private final SSLContext context;
    private final boolean verifyHostname;

    /**
     * @param context the application's context, or null for the JDK's default (its trust store)
     * @param verifyHostname whether the certificate must name the host
     */
    ClientTls(SSLContext context, boolean verifyHostname) {
        this.context = context;
        this.verifyHostname = verifyHostname;
    }

    /**
     * A new engine for one connection.
     *
     * @param host the server's host as in its URI (an IPv6 literal may keep its brackets)
     * @param port the server's port
     * @return the engine, in client mode
     * @throws NoSuchAlgorithmException when no context was given and the JDK has no default
     */
    SSLEngine newEngine(String host, int port) throws NoSuchAlgorithmException {
        String peer = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLContext tls = context != null ? context : SSLContext.getDefault();
        SSLEngine engine = tls.createSSLEngine(peer, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!HostResolver.isIpLiteral(host)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(peer)));
            } catch (IllegalArgumentException notAHostName) {
                // a name SNI cannot carry (e.g. with a trailing dot): connect without SNI
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }
}
