package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpResponseHead;
import dev.wsnio.handshake.HttpResponseParser;
import dev.wsnio.testkit.Generated;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reconnect policy: its delays, its limits, and its judgement of what is worth retrying. */
class ReconnectPolicyTest {

    private static final URI URI_ = URI.create("ws://127.0.0.1/");

    private static final ReconnectPolicy POLICY = ReconnectPolicy.builder()
            .firstDelayMax(Duration.ofMillis(500))
            .baseDelay(Duration.ofMillis(100))
            .multiplier(2)
            .maxDelay(Duration.ofSeconds(2))
            .jitter(0.25)
            .build();

    /** A random source that always returns the same fraction. */
    private static RandomGenerator always(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    @Test
    void spreadsTheFirstReconnectUniformlyUpToItsMaximum() {
        assertEquals(Duration.ZERO, POLICY.delay(1, always(0)));
        assertEquals(Duration.ofMillis(250), POLICY.delay(1, always(0.5)));
        assertTrue(POLICY.delay(1, always(0.999_999)).compareTo(Duration.ofMillis(500)) < 0);
    }

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        RandomGenerator noJitter = always(0);
        assertEquals(Duration.ofMillis(100), POLICY.delay(2, noJitter));
        assertEquals(Duration.ofMillis(200), POLICY.delay(3, noJitter));
        assertEquals(Duration.ofMillis(400), POLICY.delay(4, noJitter));
        assertEquals(Duration.ofMillis(1600), POLICY.delay(6, noJitter));
        assertEquals(Duration.ofSeconds(2), POLICY.delay(7, noJitter));
        assertEquals(Duration.ofSeconds(2), POLICY.delay(1000, noJitter));
    }

    @Test
    void jitterOnlyShortensADelayByAtMostItsFraction() {
        assertEquals(Duration.ofMillis(400), POLICY.delay(4, always(0)));
        assertEquals(Duration.ofMillis(350), POLICY.delay(4, always(0.5)));
        assertEquals(Duration.ofMillis(300), POLICY.delay(4, always(1)));
    }

    @Test
    void delaysStayWithinTheirBoundsAndGrowUntilTheCap() {
        Generated.forAll(500, gen -> checkDelays(gen.between(2, 60), gen.anyLong()));
    }

    private static void checkDelays(int attempt, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Duration delay = POLICY.delay(attempt, random);
        Duration next = POLICY.delay(attempt + 1, random);
        assertTrue(!delay.isNegative() && delay.compareTo(Duration.ofSeconds(2)) <= 0, delay::toString);
        assertTrue(delay.compareTo(Duration.ofMillis(75)) >= 0, delay::toString);
        if (attempt <= 5) { // the next one, 100 ms × 2^(attempt − 1), is still below the cap
            assertTrue(next.compareTo(delay) > 0, delay + " then " + next);
        }
    }

    @Test
    void countsAttemptsFromOne() {
        assertThrows(IllegalArgumentException.class, () -> POLICY.delay(0, always(0)));
    }

    @Test
    void limitsTheNumberOfAttemptsOnlyWhenAsked() {
        assertTrue(POLICY.allowsAttempt(1_000_000));
        ReconnectPolicy three = ReconnectPolicy.builder().maxAttempts(3).build();
        assertTrue(three.allowsAttempt(3));
        assertFalse(three.allowsAttempt(4));
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(1));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().baseDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().firstDelayMax(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1));
    }

    // ------------------------------------------------------------- what is retried

    private static Disconnection closed(int code) {
        return new Disconnection(code, "", null);
    }

    private static Disconnection failed(Reason reason) {
        return new Disconnection(1006, "", new WebSocketConnectException(reason, URI_, "test", null));
    }

    private static Disconnection answered(Reason reason, int status) throws HttpParseException {
        HttpResponseParser parser = new HttpResponseParser(HeadLimits.DEFAULT);
        parser.parse(ByteBuffer.wrap(("HTTP/1.1 " + status + " Test\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        HttpResponseHead head = parser.result();
        return new Disconnection(1006, "", new HandshakeResponseException(reason, URI_, "test", head, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1001, 1006, 1011, 1012, 1013, 1014})
    void retriesClosesThatMayPass(int code) {
        assertTrue(ReconnectPolicy.defaults().shouldReconnect(closed(code)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1005, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 4000, 4999})
    void doesNotRetryClosesThatWillRecur(int code) {
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(closed(code)));
    }

    @Test
    void retriesANormalCloseOnlyWhenConfigured() {
        ReconnectPolicy policy = ReconnectPolicy.builder().reconnectAfterNormalClosure(true).build();
        assertTrue(policy.shouldReconnect(closed(1000)));
        assertTrue(policy.shouldReconnect(closed(1005)));
        assertFalse(policy.shouldReconnect(closed(1002)));
    }

    @Test
    void retriesADeadPeer() {
        Disconnection dead = new Disconnection(1006, "", new HeartbeatTimeoutException(Duration.ofSeconds(1)));
        assertTrue(ReconnectPolicy.defaults().shouldReconnect(dead));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DNS_FAILURE", "CONNECTION_REFUSED", "CONNECT_TIMEOUT", "CONNECTION_FAILED",
        "HANDSHAKE_TIMEOUT"})
    void retriesAttemptsThatMaySucceedLater(Reason reason) {
        assertTrue(ReconnectPolicy.defaults().shouldReconnect(failed(reason)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_FAILURE", "INVALID_RESPONSE", "INVALID_ACCEPT", "UNEXPECTED_SUBPROTOCOL",
        "UNEXPECTED_EXTENSION", "CANCELLED"})
    void doesNotRetryAttemptsThatWillFailAgain(Reason reason) {
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(failed(reason)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void retriesServerErrorsAndTemporaryRefusals(int status) throws Exception {
        assertTrue(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.UNEXPECTED_STATUS, status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 426})
    void doesNotRetryClientErrors(int status) throws Exception {
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.UNEXPECTED_STATUS, status)));
    }

    @Test
    void judgesProxyAnswersByTheirStatus() throws Exception {
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.PROXY_AUTHENTICATION_REQUIRED, 407)));
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.PROXY_REFUSED, 403)));
        assertTrue(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.PROXY_REFUSED, 502)));
        assertFalse(ReconnectPolicy.defaults().shouldReconnect(answered(Reason.REDIRECT, 302)));
    }

    @Test
    void letsTheApplicationReplaceTheJudgement() throws Exception {
        ReconnectPolicy policy = ReconnectPolicy.builder()
                .retryWhen(why -> ReconnectPolicy.isRetryableByDefault(why)
                        || why.error() instanceof HandshakeResponseException response && response.status() == 401)
                .build();
        assertTrue(policy.shouldReconnect(answered(Reason.UNEXPECTED_STATUS, 401)));
        assertFalse(policy.shouldReconnect(answered(Reason.UNEXPECTED_STATUS, 403)));
        assertTrue(policy.shouldReconnect(closed(1006)));
    }
}
