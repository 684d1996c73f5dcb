package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void decodesTheUidQueryParameter() throws HttpParseException {
        RequestTarget target = RequestTarget.parse("/ws?uid=ttq123");

        assertEquals("/ws", target.path());
        assertEquals(Optional.of("uid=ttq123"), target.rawQuery());
        assertEquals(List.of(new NamedValues.Entry("uid", "ttq123")), target.queryParameters().entries());
        assertEquals(Optional.of("ttq123"), target.queryParameters().first("uid"));
    }

    @Test
    void keepsRepeatedKeysInOrder() throws HttpParseException {
        NamedValues query = RequestTarget.parse("/?a=1&b=2&a=3").queryParameters();

        assertEquals(List.of("1", "3"), query.all("a"));
        assertEquals(List.of(new NamedValues.Entry("a", "1"), new NamedValues.Entry("b", "2"),
                new NamedValues.Entry("a", "3")), query.entries());
    }

    @Test
    void decodesPercentEncodedUtf8AndPlusAsSpaceInTheQuery() throws HttpParseException {
        NamedValues query = RequestTarget.parse("/?name=J%C3%BCrgen+M%C3%BCller&x%2By=1%2B1").queryParameters();

        assertEquals(Optional.of("Jürgen Müller"), query.first("name"));
        assertEquals(Optional.of("1+1"), query.first("x+y"));
    }

    @Test
    void decodesThePathButKeepsPlusThere() throws HttpParseException {
        RequestTarget target = RequestTarget.parse("/chat%20room/a+b/%E2%82%AC");

        assertEquals("/chat room/a+b/€", target.path());
        assertEquals("/chat%20room/a+b/%E2%82%AC", target.rawPath());
    }

    @Test
    void givesAnEmptyValueToAKeyWithoutEqualsAndSkipsEmptyPairs() throws HttpParseException {
        NamedValues query = RequestTarget.parse("/?flag&&x=&=v").queryParameters();

        assertEquals(List.of(new NamedValues.Entry("flag", ""), new NamedValues.Entry("x", ""),
                new NamedValues.Entry("", "v")), query.entries());
    }

    @Test
    void splitsOnlyAtTheFirstEqualsSign() throws HttpParseException {
        assertEquals(Optional.of("b=c"), RequestTarget.parse("/?a=b=c").queryParameters().first("a"));
    }

    @Test
    void distinguishesAnEmptyQueryFromNoQuery() throws HttpParseException {
        assertEquals(Optional.of(""), RequestTarget.parse("/a?").rawQuery());
        assertEquals(Optional.empty(), RequestTarget.parse("/a").rawQuery());
        assertTrue(RequestTarget.parse("/a?").queryParameters().isEmpty());
    }

    @Test
    void rejectsMalformedPercentEscapesWith400() {
        for (String target : List.of("/a%", "/a%4", "/a%g1", "/?a=%", "/?a=%2", "/?a=%x0", "/?%zz=1")) {
            HttpParseException e = assertThrows(HttpParseException.class, () -> RequestTarget.parse(target), target);
            assertEquals(HttpParseError.MALFORMED_REQUEST_TARGET, e.error());
            assertEquals(400, e.status());
        }
    }

    @Test
    void rejectsPercentEncodedBytesThatAreNotUtf8() {
        for (String target : List.of("/%C3", "/?a=%FF", "/%C0%AF", "/%ED%A0%80")) {
            assertThrows(HttpParseException.class, () -> RequestTarget.parse(target), target);
        }
    }

    @Test
    void takesPathAndQueryFromTheAbsoluteForm() throws HttpParseException {
        RequestTarget target = RequestTarget.parse("HTTP://example.com:8080/chat?uid=1");

        assertEquals("/chat", target.path());
        assertEquals(Optional.of("1"), target.queryParameters().first("uid"));
        assertEquals("/", RequestTarget.parse("https://example.com").path());
        assertEquals(Optional.of("x=1"), RequestTarget.parse("http://example.com?x=1").rawQuery());
    }

    @Test
    void rejectsFragmentsAndWhitespace() {
        assertThrows(HttpParseException.class, () -> RequestTarget.parse("/a#frag"));
        assertThrows(HttpParseException.class, () -> RequestTarget.parse("/a b"));
        assertThrows(HttpParseException.class, () -> RequestTarget.parse(""));
    }

    @Test
    void toleratesCharactersBrowsersSendUnencoded() throws HttpParseException {
        assertEquals(Optional.of("{\"a\"|^}"), RequestTarget.parse("/?q={\"a\"|^}").queryParameters().first("q"));
    }
}
