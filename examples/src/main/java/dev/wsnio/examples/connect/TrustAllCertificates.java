package dev.wsnio.examples.connect;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS context that accepts any server certificate, for {@code connect --insecure} against
 * test servers with self-signed certificates. It protects against nothing but passive
 * eavesdroppers: never use it for real connections.
 */
final class TrustAllCertificates extends X509ExtendedTrustManager {

    /**
     * A TLS context whose only trust manager trusts every certificate.
     *
     * @return the context
     * @throws GeneralSecurityException when the JDK has no TLS implementation
     */
    static SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAllCertificates()}, null);
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // --insecure: every certificate, for every host name
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // --insecure: every certificate, for every host name
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // --insecure: every certificate
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("a client context does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("a client context does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a client context does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
