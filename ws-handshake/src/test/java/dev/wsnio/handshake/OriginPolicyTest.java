package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void allowAllAcceptsAnyOriginAndNone() {
        OriginPolicy policy = OriginPolicy.allowAll();

        assertTrue(policy.allows("https://evil.example", "example.com"));
        assertTrue(policy.allows("null", "example.com"));
        assertTrue(policy.allowsMissingOrigin());
    }

    @Test
    void allowOnlyComparesWholeOriginsIgnoringCase() {
        OriginPolicy policy = OriginPolicy.allowOnly("https://example.com", "http://localhost:8080");

        assertTrue(policy.allows("https://example.com", "example.com"));
        assertTrue(policy.allows("HTTPS://Example.COM", "example.com"));
        assertTrue(policy.allows("http://localhost:8080", "example.com"));
        assertFalse(policy.allows("http://example.com", "example.com"));
        assertFalse(policy.allows("https://example.com:8443", "example.com"));
        assertFalse(policy.allows("https://example.com.evil.example", "example.com"));
        assertFalse(policy.allows("https://sub.example.com", "example.com"));
        assertFalse(policy.allows("http://localhost", "example.com"));
        assertFalse(policy.allows("null", "example.com"));
    }

    @Test
    void allowOnlyRefusesAMissingOriginUnlessToldOtherwise() {
        OriginPolicy strict = OriginPolicy.allowOnly(List.of("https://example.com"));
        OriginPolicy lenient = strict.allowingMissingOrigin();

        assertFalse(strict.allowsMissingOrigin());
        assertTrue(lenient.allowsMissingOrigin());
        assertTrue(lenient.allows("https://example.com", "example.com"));
        assertFalse(lenient.allows("https://other.example", "example.com"));
    }

    @Test
    void allowOnlyRefusesEntriesThatCouldNeverMatch() {
        for (String entry : List.of("https://example.com/", "https://example.com/app", "example.com",
                "https://user@example.com", "https://example.com?x", "null", "https://exa mple.com")) {
            assertThrows(IllegalArgumentException.class, () -> OriginPolicy.allowOnly(entry), entry);
        }
    }

    @Test
    void matchingAsksThePredicateAndRefusesAMissingOrigin() {
        OriginPolicy policy = OriginPolicy.matching(origin -> origin.endsWith(".example.com"));

        assertTrue(policy.allows("https://app.example.com", "example.com"));
        assertFalse(policy.allows("https://example.org", "example.com"));
        assertFalse(policy.allowsMissingOrigin());
        assertTrue(policy.allowingMissingOrigin().allowsMissingOrigin());
    }

    @Test
    void sameHostAcceptsPagesServedUnderTheNameAndPortTheRequestWasSentTo() {
        OriginPolicy policy = OriginPolicy.sameHost();

        assertTrue(policy.allows("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assertTrue(policy.allows("HTTP://Example.COM", "example.com"));
        assertTrue(policy.allows("https://example.com", "example.com"), "no port: the scheme's default on both");
        assertTrue(policy.allows("https://example.com", "example.com:443"));
        assertTrue(policy.allows("http://example.com:80", "example.com"));
        assertTrue(policy.allows("http://[::1]:3000", "[::1]:3000"));
        assertFalse(policy.allows("http://127.0.0.1:3001", "127.0.0.1:3000"), "another port is another origin");
        assertFalse(policy.allows("http://localhost:3000", "127.0.0.1:3000"), "another name for the same host");
        assertFalse(policy.allows("https://evil.example", "example.com"));
        assertFalse(policy.allows("https://example.com.evil.example", "example.com"));
        assertFalse(policy.allows("https://example.com", "example.com:8443"));
        assertFalse(policy.allows("null", "example.com"), "sandboxed and file pages");
        assertFalse(policy.allows("chrome-extension://abc", "abc"));
        assertFalse(policy.allows("http://example.com", null), "no Host to compare with");
        assertFalse(policy.allows("http://example.com", "example.com/path"));
        assertFalse(policy.allowsMissingOrigin());
        assertTrue(policy.allowingMissingOrigin().allowsMissingOrigin());
    }
}
