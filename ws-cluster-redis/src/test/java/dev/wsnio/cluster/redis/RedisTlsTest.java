package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.WebSocketClient;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real Redis serving TLS with a self-signed certificate for
 * 127.0.0.1: the bus connects when told to trust that certificate, and refuses a Redis it cannot
 * verify: a certificate the JVM does not trust, or a host name the certificate does not name.
 */
class RedisTlsTest {

    @TempDir
    Path directory;

    private RedisProcess redis;
    private int tlsPort;
    private Path certificate;
    private final List<Node> nodes = new ArrayList<>();
    private WebSocketClient client;

    @BeforeEach
    void start() throws Exception {
        SelfSignedCertificate selfSigned = SelfSignedCertificate.create(directory);
        certificate = directory.resolve("redis.crt");
        Path key = directory.resolve("redis.key");
        writePem(selfSigned, certificate, key);
        tlsPort = RedisProcess.freePort();
        redis = RedisProcess.start("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", certificate.toString(),
                "--tls-key-file", key.toString(), "--tls-auth-clients", "no");
        client = WebSocketClient.builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        nodes.forEach(Node::close);
        redis.close();
    }

    private Node node(RedisTopicBus.Builder bus) {
        Node node = Node.start(bus);
        nodes.add(node);
        return node;
    }

    @Test
    void withTheCertificateTrustedMessagesCrossServersOverTls() throws Exception {
        String url = "rediss://127.0.0.1:" + tlsPort;
        Node a = node(RedisTopicBus.builder(url).trustedCertificates(certificate));
        Node b = node(RedisTopicBus.builder(url).trustedCertificates(certificate));
        assertTrue(a.awaitConnected(), a.bus.toString());
        assertTrue(b.awaitConnected(), b.bus.toString());
        Member onB = Member.connect(client, b, "on-b");
        onB.join("news");
        String channel = a.bus.channelOf("news");
        Eventually.await("b subscribed to " + channel,
                () -> redis.cli("PUBSUB", "NUMSUB", channel).get(1).strip().equals("1"));

        a.server.publish("news", "encrypted on the way").relayed().toCompletableFuture().get(30, TimeUnit.SECONDS);

        onB.expect("encrypted on the way");
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefused() throws Exception {
        Node a = node(RedisTopicBus.builder("rediss://127.0.0.1:" + tlsPort));

        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), a.bus.toString());
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
        // The certificate names the address 127.0.0.1 only.
        Node a = node(RedisTopicBus.builder("rediss://localhost:" + tlsPort).trustedCertificates(certificate));

        assertFalse(a.bus.awaitConnected(Duration.ofSeconds(2)), a.bus.toString());
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
