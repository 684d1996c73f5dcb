package dev.wsnio.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The options {@code --tls-keystore FILE --tls-password PASS} of the servers: with them a server
 * serves {@code https://} and {@code wss://} with the key and certificate chain of a PKCS#12 key
 * store (as {@code keytool -genkeypair -storetype PKCS12} or {@code openssl pkcs12 -export}
 * make it); without them, plain {@code http://} and {@code ws://}.
 */
public final class TlsKeyStore {

    private static final String KEYSTORE = "tls-keystore";
    private static final String PASSWORD = "tls-password";

    private TlsKeyStore() {
    }

    /**
     * The two options, for a command's option list.
     *
     * @return {@code --tls-keystore} and {@code --tls-password}
     */
    public static List<Option> options() {
        return List.of(
                Option.value(KEYSTORE, "FILE", "serve https:// and wss:// with this PKCS#12 key store", null),
                Option.value(PASSWORD, "PASS", "the key store's password (and its key's)", null));
    }

    /**
     * The server's TLS context, when {@code --tls-keystore} was given.
     *
     * @param arguments the parsed command line
     * @return the context, or empty for plain TCP
     * @throws UsageException when one option is given without the other
     * @throws IOException when the file cannot be read, is not PKCS#12 or the password is wrong
     */
    public static Optional<SSLContext> serverContext(Arguments arguments) throws UsageException, IOException {
        String file = arguments.value(KEYSTORE);
        String password = arguments.value(PASSWORD);
        if (file == null && password == null) {
            return Optional.empty();
        }
        if (file == null || password == null) {
            throw new UsageException("--tls-keystore and --tls-password go together");
        }
        return Optional.of(load(Path.of(file), password.toCharArray()));
    }

    /**
     * Loads a PKCS#12 key store into a server context.
     *
     * @param file the key store
     * @param password the store's password, also used for its key
     * @return a TLS context with the store's key and certificate chain
     * @throws IOException when the file cannot be read or used
     */
    public static SSLContext load(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the key store " + file + ": " + Main.describe(e), e);
        }
    }
}
