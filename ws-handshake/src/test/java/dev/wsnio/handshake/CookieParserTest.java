package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieParserTest {

    private static NamedValues cookies(String... lines) {
        HttpHeaders headers = HttpHeaders.empty();
        for (String line : lines) {
            headers = headers.with("Cookie", line);
        }
        return CookieParser.parse(headers);
    }

    private static NamedValues.Entry cookie(String name, String value) {
        return new NamedValues.Entry(name, value);
    }

    @Test
    void readsPairsSeparatedBySemicolons() {
        assertEquals(List.of(cookie("session", "abc123"), cookie("theme", "dark")),
                cookies("session=abc123; theme=dark").entries());
    }

    @Test
    void toleratesMissingOrExtraWhitespaceAndEmptyPairs() {
        assertEquals(List.of(cookie("a", "1"), cookie("b", "2"), cookie("c", "3")),
                cookies("a=1;b=2 ;  ; c = 3;").entries());
    }

    @Test
    void splitsAtTheFirstEqualsSignAndKeepsQuotes() {
        assertEquals(List.of(cookie("token", "x=y=="), cookie("q", "\"quoted\"")),
                cookies("token=x=y==; q=\"quoted\"").entries());
    }

    @Test
    void readsAPairWithoutEqualsAsANamelessCookie() {
        assertEquals(List.of(cookie("", "lonely"), cookie("a", "")), cookies("lonely; a=").entries());
    }

    @Test
    void readsSeveralCookieLinesInOrderAndKeepsRepeatedNames() {
        NamedValues cookies = cookies("a=1; b=2", "a=3");

        assertEquals(List.of("1", "3"), cookies.all("a"));
        assertEquals(3, cookies.size());
    }

    @Test
    void hasNoCookiesWithoutACookieHeader() {
        assertEquals(NamedValues.empty(), cookies());
    }
}
