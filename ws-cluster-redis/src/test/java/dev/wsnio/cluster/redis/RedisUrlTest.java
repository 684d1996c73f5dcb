package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.RedisProcess;
import dev.wsnio.testkit.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Redis URL carries besides the address, against a real Redis: a password that
 * authenticates every connection of the bus and the database they select ({@code redis://}),
 * and TLS ({@code rediss://}) with a self-signed certificate for 127.0.0.1, which the bus uses
 * when told to trust it and refuses otherwise, or when the host name is not the certificate's.
 * A Redis the bus cannot use is an outage that fails relays visibly.
 */
class RedisUrlTest {

    private static final String PASSWORD = "password-for-tests";
    private static final int DATABASE = 3;

    @TempDir
    Path directory;

    private RedisProcess redis;
    private int tlsPort;
    private Path certificate;
    private final List<Node> nodes = new ArrayList<>();
    private WebSocketClient client;

    @BeforeEach
    void startClient() {
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        nodes.forEach(Node::close);
        if (redis != null) {
            redis.close();
        }
    }

    private void startWithPassword() {
        redis = RedisProcess.start();
        redis.cli("CONFIG", "SET", "requirepass", PASSWORD);
    }

    private void startWithTls() throws Exception {
        SelfSignedCertificate selfSigned = SelfSignedCertificate.create(directory);
        certificate = directory.resolve("redis.crt");
        Path key = directory.resolve("redis.key");
        writePem(selfSigned, certificate, key);
        tlsPort = RedisProcess.freePort();
        redis = RedisProcess.start("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", certificate.toString(),
                "--tls-key-file", key.toString(), "--tls-auth-clients", "no");
    }

    /** {@code redis://:password@host:port/database}, as in {@link RedisTopicBus}'s Javadoc. */
    private String url(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port() + "/" + DATABASE;
    }

    private Node node(RedisTopicBus.Builder bus) {
        Node node = Node.start(bus);
        nodes.add(node);
        return node;
    }

    private List<String> authenticatedCli(String... command) {
        List<String> arguments = new ArrayList<>(List.of("-a", PASSWORD, "--no-auth-warning"));
        arguments.addAll(List.of(command));
        return redis.cli(arguments.toArray(String[]::new));
    }

    @Test
    void thePasswordAndDatabaseOfTheUrlAreUsedByEveryConnection() throws Exception {
        startWithPassword();
        assertAPublishCrossesFromAToB(RedisTopicBus.builder(url(PASSWORD)), RedisTopicBus.builder(url(PASSWORD)),
                this::authenticatedCli);

        List<String> busConnections = authenticatedCli("CLIENT", "LIST").stream()
                .filter(line -> !line.contains("cmd=client|list")) // redis-cli's own
                .toList();
        assertFalse(busConnections.isEmpty());
        for (String connection : busConnections) {
            assertTrue(connection.contains(" db=" + DATABASE + " "), connection);
        }
    }

    @Test
    void aWrongPasswordIsAnOutageThatFailsRelaysVisiblyWhileLocalDeliveryGoesOn() throws Exception {
        startWithPassword();
        Node a = node(RedisTopicBus.builder(url("not-the-password")));
        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), "connected with a wrong password");
        Member local = Member.connect(client, a, "local");
        local.join("news");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> a.server.publish("news", "local only").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS));

        assertInstanceOf(RedisUnavailableException.class, failure.getCause());
        local.expect("local only");
        assertEquals(1, a.server.stats().relaysFailed());
    }

    @Test
    void withTheCertificateTrustedMessagesCrossServersOverTls() throws Exception {
        startWithTls();
        String url = "rediss://127.0.0.1:" + tlsPort;

        assertAPublishCrossesFromAToB(RedisTopicBus.builder(url).trustedCertificates(certificate),
                RedisTopicBus.builder(url).trustedCertificates(certificate), redis::cli);
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefused() throws Exception {
        startWithTls();
        Node a = node(RedisTopicBus.builder("rediss://127.0.0.1:" + tlsPort));

        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), a.bus.toString());
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
        startWithTls();
        // The certificate names the address 127.0.0.1 only.
        Node a = node(RedisTopicBus.builder("rediss://localhost:" + tlsPort).trustedCertificates(certificate));

        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), a.bus.toString());
    }

    /** Two nodes on these buses connect, and a message published on the first reaches the second. */
    private void assertAPublishCrossesFromAToB(RedisTopicBus.Builder busA, RedisTopicBus.Builder busB,
                                               Function<String[], List<String>> cli) throws Exception {
        Node a = node(busA);
        Node b = node(busB);
        assertTrue(a.awaitConnected(), a.bus.toString());
        assertTrue(b.awaitConnected(), b.bus.toString());
        Member onB = Member.connect(client, b, "on-b");
        onB.join("news");
        String channel = a.bus.channelOf("news");
        Eventually.await("b subscribed to " + channel,
                () -> cli.apply(new String[] {"PUBSUB", "NUMSUB", channel}).get(1).strip().equals("1"));

        a.server.publish("news", "from a").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);

        onB.expect("from a");
    }

    /** The certificate and its private key (PKCS#8) in PEM, the form Redis reads. */
    private static void writePem(SelfSignedCertificate selfSigned, Path certificateFile, Path keyFile) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(selfSigned.keyStore())) {
            keys.load(in, selfSigned.password().toCharArray());
        }
        String alias = keys.aliases().nextElement();
        Files.writeString(certificateFile, pem("CERTIFICATE", keys.getCertificate(alias).getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getKey(alias, selfSigned.password().toCharArray()).getEncoded()),
                StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
