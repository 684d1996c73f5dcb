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

        assertTrue(policy.allows("https://evil.example"));
        assertTrue(policy.allows("null"));
        assertTrue(policy.allowsMissingOrigin());
    }

    @Test
    void allowOnlyComparesWholeOriginsIgnoringCase() {
        OriginPolicy policy = OriginPolicy.allowOnly("https://example.com", "http://localhost:8080");

        assertTrue(policy.allows("https://example.com"));
        assertTrue(policy.allows("HTTPS://Example.COM"));
        assertTrue(policy.allows("http://localhost:8080"));
        assertFalse(policy.allows("http://example.com"));
        assertFalse(policy.allows("https://example.com:8443"));
        assertFalse(policy.allows("https://example.com.evil.example"));
        assertFalse(policy.allows("https://sub.example.com"));
        assertFalse(policy.allows("http://localhost"));
        assertFalse(policy.allows("null"));
    }

    @Test
    void allowOnlyRefusesAMissingOriginUnlessToldOtherwise() {
        OriginPolicy strict = OriginPolicy.allowOnly(List.of("https://example.com"));
        OriginPolicy lenient = strict.allowingMissingOrigin();

        assertFalse(strict.allowsMissingOrigin());
        assertTrue(lenient.allowsMissingOrigin());
        assertTrue(lenient.allows("https://example.com"));
        assertFalse(lenient.allows("https://other.example"));
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

        assertTrue(policy.allows("https://app.example.com"));
        assertFalse(policy.allows("https://example.org"));
        assertFalse(policy.allowsMissingOrigin());
        assertTrue(policy.allowingMissingOrigin().allowsMissingOrigin());
    }
}
