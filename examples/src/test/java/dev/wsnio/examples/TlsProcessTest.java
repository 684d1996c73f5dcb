package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.ChildProcess;
import dev.wsnio.testkit.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-keystore FILE --tls-password PASS}: {@code echo-server} and {@code demo} serve
 * {@code wss://} (and the demo {@code https://}) with a PKCS#12 key store (the testkit's
 * {@link SelfSignedCertificate}, made by the JDK's {@code keytool}), checked from outside by
 * Python's {@code websockets} (installed by {@code conformance/peers/install.sh}), which trusts
 * only that certificate and checks the host.
 */
@Timeout(120)
class TlsProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Connects, sends argv[3] when given, prints what arrives first, closes normally. */
    private static final String PYTHON_CLIENT = """
            import asyncio, ssl, sys
            import websockets

            sys.stdout.reconfigure(encoding="utf-8")

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
    private static SelfSignedCertificate certificate;
    private static Path keystore;
    private static String password;
    private static Path pem;

    @BeforeAll
    static void makeAKeyStore() throws Exception {
        certificate = SelfSignedCertificate.create(directory);
        keystore = certificate.keyStore();
        password = certificate.password();
        pem = certificate.writePem(directory.resolve("server.pem"));
    }

    @Test
    void echoServerEchoesOverWssToPythonWebsockets() throws Exception {
        try (ChildProcess echo = ChildProcess.startJava(Main.class, "echo-server", "--port", "0",
                "--tls-keystore", keystore.toString(), "--tls-password", password)) {
            String url = echo.awaitLine(Pattern.compile("echo-server listening on (wss://127\\.0\\.0\\.1:\\d+/)"), WAIT).group(1);

            assertEquals("hello over TLS, 你好", python(url, "hello over TLS, 你好"));
        }
    }

    @Test
    void demoServesTheDashboardOverHttpsAndItsWebSocketOverWss() throws Exception {
        try (ChildProcess demo = ChildProcess.startJava(Main.class, "demo", "--port", "0",
                "--tls-keystore", keystore.toString(), "--tls-password", password)) {
            String base = demo.awaitLine(Pattern.compile("Open (https://127\\.0\\.0\\.1:\\d+/) in a browser.*"), WAIT).group(1);

            String greeting = python(base.replace("https://", "wss://") + "ws?uid=tls", null);
            assertTrue(greeting.contains("\"text\":\"你好, tls\""), greeting);
            HttpClient https = HttpClient.newBuilder().sslContext(certificate.trustingClientContext()).build();
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
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), url, pem.toString()));
        if (message != null) {
            command.add(message);
        }
        try (ChildProcess python = ChildProcess.start(directory, command.toArray(String[]::new))) {
            return String.join("\n", python.awaitSuccess(WAIT)).strip();
        }
    }
}
