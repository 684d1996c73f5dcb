package dev.wsnio.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 only (subject alternative name {@code ip:127.0.0.1},
 * no DNS name, so that a client connecting by a host name must refuse it), made by the JDK's
 * keytool in a PKCS#12 key store in a temporary directory, with the TLS contexts of a server that
 * presents it and of a client that trusts it.
 */
public final class SelfSignedCertificate {

    private static final char[] PASSWORD = "wsnio-test".toCharArray();

    private final KeyStore keys;
    private final Path keyStore;

    private SelfSignedCertificate(KeyStore keys, Path keyStore) {
        this.keys = keys;
        this.keyStore = keyStore;
    }

    /**
     * Makes the certificate and its key.
     *
     * @param directory where the key store file goes (a test's temporary directory)
     * @return the certificate
     * @throws Exception when keytool fails
     */
    public static SelfSignedCertificate create(Path directory) throws Exception {
        Path store = directory.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "wsnio", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
                "-dname", "CN=wsnio test", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return new SelfSignedCertificate(keys, store);
    }

    /**
     * The PKCS#12 key store holding the key and the certificate, for a program that reads one.
     *
     * @return its path
     */
    public Path keyStore() {
        return keyStore;
    }

    /**
     * Writes the certificate in PEM form, as programs built on OpenSSL (Python's {@code ssl},
     * Node) load a certificate to trust.
     *
     * @param file where to write it
     * @return the file
     * @throws Exception when the certificate cannot be encoded or written
     */
    public Path writePem(Path file) throws Exception {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getCertificate("wsnio").getEncoded());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * The password of the key store and of its key.
     *
     * @return the password
     */
    public String password() {
        return new String(PASSWORD);
    }

    /**
     * A context that presents the certificate.
     *
     * @return the server's TLS context
     * @throws Exception when the JDK's TLS setup fails
     */
    public SSLContext serverContext() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /**
     * A context that trusts the certificate (and nothing else).
     *
     * @return the client's TLS context
     * @throws Exception when the JDK's TLS setup fails
     */
    public SSLContext trustingClientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("wsnio", keys.getCertificate("wsnio"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
