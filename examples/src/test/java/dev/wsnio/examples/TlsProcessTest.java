package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-keystore FILE --tls-password PASS}: {@code echo-server} and {@code demo} serve
 * {@code wss://} (and the demo {@code https://}) with a PKCS#12 key store made by the JDK's
 * {@code keytool}, checked from outside by Python's {@code websockets} (installed by
 * {@code conformance/peers/install.sh}), which trusts only that certificate and checks the host.
 */
@Timeout(120)
class TlsProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "wsnio-secret";

    /** Connects, sends argv[3] when given, prints what arrives first, closes normally. */
    private static final String PYTHON_CLIENT = """
            import asyncio, ssl, sys
            import websockets

            async def main(url, cafile, message):
                context = ssl.create_default_context(cafile=cafile)
                async with websockets.connect(url, ssl=context, compression=None) as ws:
                    if message:
                        await ws.send(message)
                    print(await asyncio.wait_for(ws.recv(), 20), flush=True)

            asyncio.run(asyncio.wait_for(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None), 30))
            """;

    @TempDir
    static Path directory;
    private static Path keystore;
    private static Path certificate;

    @BeforeAll
    static void makeAKeyStore() throws Exception {
        keystore = directory.resolve("server.p12");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2");
        certificate = directory.resolve("server.pem");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-exportcert", "-rfc",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-alias", "server",
                "-file", certificate.toString());
    }

    @Test
    void echoServerEchoesOverWssToPythonWebsockets() throws Exception {
        try (ChildProcess echo = ChildProcess.startJava(Main.class, "echo-server", "--port", "0",
                "--tls-keystore", keystore.toString(), "--tls-password", PASSWORD)) {
            String url = echo.awaitLine(Pattern.compile("echo-server listening on (wss://127\\.0\\.0\\.1:\\d+/)"), WAIT).group(1);

            assertEquals("hello over TLS, 你好", python(url, "hello over TLS, 你好"));
        }
    }

    @Test
    void demoServesTheDashboardOverHttpsAndItsWebSocketOverWss() throws Exception {
        try (ChildProcess demo = ChildProcess.startJava(Main.class, "demo", "--port", "0",
                "--tls-keystore", keystore.toString(), "--tls-password", PASSWORD)) {
            String base = demo.awaitLine(Pattern.compile("Open (https://127\\.0\\.0\\.1:\\d+/) in a browser.*"), WAIT).group(1);

            String greeting = python(base.replace("https://", "wss://") + "ws?uid=tls", null);
            assertTrue(greeting.contains("\"text\":\"你好, tls\""), greeting);
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("dashboard.js"), page.body());
        }
    }

    @Test
    void aWrongPasswordIsAOneLineErrorAndExitStatus1() throws Exception {
        try (ChildProcess echo = ChildProcess.startJava(Main.class, "echo-server", "--port", "0",
                "--tls-keystore", keystore.toString(), "--tls-password", "wrong")) {
            assertEquals(1, echo.awaitExit(WAIT));
            assertTrue(echo.err().text().startsWith("error: cannot use the key store " + keystore), echo.err().text());
        }
    }

    @Test
    void aKeyStoreWithoutItsPasswordIsAUsageError() throws Exception {
        try (ChildProcess demo = ChildProcess.startJava(Main.class, "demo", "--port", "0", "--tls-keystore", keystore.toString())) {
            assertEquals(2, demo.awaitExit(WAIT));
            assertTrue(demo.err().text().startsWith("error: --tls-keystore and --tls-password go together"),
                    demo.err().text());
        }
    }

    /** Runs the Python client; returns the first message it received. */
    private static String python(String url, String message) throws Exception {
        Path script = directory.resolve("client.py");
        Files.writeString(script, PYTHON_CLIENT);
        ProcessBuilder builder = message == null
                ? new ProcessBuilder("/usr/bin/python3", script.toString(), url, certificate.toString())
                : new ProcessBuilder("/usr/bin/python3", script.toString(), url, certificate.toString(), message);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process python = builder.redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, python.exitValue(), "python websockets failed: " + output);
        return output;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            trusted.setCertificateEntry("server", cert);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
