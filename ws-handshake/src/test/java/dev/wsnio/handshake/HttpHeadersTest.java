package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    private final HttpHeaders headers = HttpHeaders.empty()
            .with("Connection", "keep-alive")
            .with("X-Multi", "one")
            .with("connection", "Upgrade , ,")
            .with("x-multi", "two");

    @Test
    void looksUpNamesIgnoringCase() {
        assertTrue(headers.contains("CONNECTION"));
        assertEquals(Optional.of("keep-alive"), headers.first("connection"));
        assertFalse(headers.contains("Upgrade"));
        assertEquals(Optional.empty(), headers.first("Upgrade"));
    }

    @Test
    void keepsEveryValueOfARepeatedFieldInOrder() {
        assertEquals(List.of("one", "two"), headers.all("X-MULTI"));
        assertEquals(List.of(), headers.all("absent"));
    }

    @Test
    void keepsTheOriginalNamesAndOrder() {
        assertEquals(List.of("Connection", "X-Multi", "connection", "x-multi"),
                headers.fields().stream().map(HttpField::name).toList());
        assertEquals(4, headers.size());
    }

    @Test
    void readsAListSpreadOverSeveralLinesDroppingEmptyElements() {
        assertEquals(List.of("keep-alive", "Upgrade"), headers.tokens("Connection"));
    }

    @Test
    void findsATokenIgnoringCase() {
        assertTrue(headers.containsToken("connection", "upgrade"));
        assertTrue(headers.containsToken("Connection", "KEEP-ALIVE"));
        assertFalse(headers.containsToken("Connection", "close"));
    }

    @Test
    void withLeavesTheOriginalUnchanged() {
        HttpHeaders more = headers.with("A", "b");

        assertEquals(4, headers.size());
        assertEquals(5, more.size());
    }

    @Test
    void refusesFieldsThatCouldInjectLines() {
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X", "a\r\nEvil: 1"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X", "a\u0000"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X: y", "a"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("", "a"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X", " padded"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.empty().with("X", "\u20ac"));
    }

    @Test
    void equalWhenTheSameFieldsAreInTheSameOrder() {
        HttpHeaders one = HttpHeaders.empty().with("A", "1").with("B", "2");

        assertEquals(one, HttpHeaders.of(List.of(new HttpField("A", "1"), new HttpField("B", "2"))));
        assertEquals(one.hashCode(), HttpHeaders.of(one.fields()).hashCode());
        assertFalse(one.equals(HttpHeaders.empty().with("B", "2").with("A", "1")));
    }
}
