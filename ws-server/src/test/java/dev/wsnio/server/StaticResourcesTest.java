package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handler that serves class path resources, without a socket (what it answers is decided
 * from the request alone): the content type from the file's extension, a directory's
 * {@code index.html}, the paths that could leave its root, and a resource that cannot be read.
 */
class StaticResourcesTest {

    /** A class loader that knows only these resources; "broken" ones fail when read. */
    private static final class Resources extends ClassLoader {
        private final Map<String, String> files;

        Resources(Map<String, String> files) {
            super(null);
            this.files = files;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            String content = files.get(name);
            if (content == null) {
                return null;
            }
            if (content.equals("broken")) {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the jar went away");
                    }
                };
            }
            return new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Resources WEB = new Resources(Map.ofEntries(
            Map.entry("web/index.html", "<h1>home</h1>"),
            Map.entry("web/docs/index.html", "<h1>docs</h1>"),
            Map.entry("web/app.js", "js"),
            Map.entry("web/style.css", "css"),
            Map.entry("web/data.json", "{}"),
            Map.entry("web/logo.svg", "<svg/>"),
            Map.entry("web/logo.PNG", "png"),
            Map.entry("web/favicon.ico", "ico"),
            Map.entry("web/notes.txt", "txt"),
            Map.entry("web/archive.bin", "bin"),
            Map.entry("web/LICENSE", "license"),
            Map.entry("web/broken.txt", "broken")));

    private static HttpRequest request(String method, String target) throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser(HeadLimits.DEFAULT);
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        parser.parse(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        return new HttpRequest(parser.result(), new byte[0], null);
    }

    private static HttpResponse get(StaticResources resources, String target) throws HttpParseException {
        return resources.handle(request("GET", target));
    }

    @Test
    void theContentTypeFollowsTheExtensionWhateverItsCase() throws HttpParseException {
        StaticResources resources = new StaticResources("/", "web", WEB);
        Map<String, String> expected = Map.of(
                "/app.js", "text/javascript; charset=utf-8",
                "/style.css", "text/css; charset=utf-8",
                "/data.json", "application/json",
                "/logo.svg", "image/svg+xml",
                "/logo.PNG", "image/png",
                "/favicon.ico", "image/x-icon",
                "/notes.txt", "text/plain; charset=utf-8",
                "/archive.bin", "application/octet-stream",
                "/LICENSE", "application/octet-stream");
        expected.forEach((path, type) -> {
            try {
                HttpResponse response = get(resources, path);
                assertEquals(200, response.status(), path);
                assertEquals(Optional.of(type), response.header("Content-Type"), path);
                assertEquals(Optional.of("no-cache"), response.header("Cache-Control"), path);
            } catch (HttpParseException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aDirectoryServesItsIndexPage() throws HttpParseException {
        StaticResources resources = new StaticResources("/site/", "web/", WEB); // a root with or without its slash
        HttpResponse root = get(resources, "/site/");
        assertEquals(200, root.status());
        assertEquals(Optional.of("text/html; charset=utf-8"), root.header("Content-Type"));
        assertArrayEquals("<h1>home</h1>".getBytes(StandardCharsets.UTF_8), root.body());
        assertArrayEquals("<h1>docs</h1>".getBytes(StandardCharsets.UTF_8), get(resources, "/site/docs/").body());
        assertEquals(404, get(resources, "/site/missing.html").status());
    }

    @Test
    void headIsServedLikeGetAndOtherMethodsAreNot() throws HttpParseException {
        StaticResources resources = new StaticResources("/", "web", WEB);
        HttpResponse head = resources.handle(request("HEAD", "/notes.txt"));
        assertEquals(200, head.status());
        assertArrayEquals(get(resources, "/notes.txt").body(), head.body(), "the exchange leaves the body out");
        HttpResponse post = resources.handle(request("POST", "/notes.txt"));
        assertEquals(405, post.status());
        assertEquals(Optional.of("GET, HEAD"), post.header("Allow"));
    }

    @Test
    void nothingOutsideTheRootCanBeReached() throws HttpParseException {
        Resources withSecret = new Resources(Map.of("secret.txt", "secret", "web/index.html", "home"));
        StaticResources resources = new StaticResources("/static/", "web", withSecret);
        for (String target : new String[] {"/static/../secret.txt", "/static/./index.html", "/static//secret.txt",
                "/static/a%5C..%5C..%5Csecret.txt", "/static/%2e%2e/secret.txt", "/static/%00index.html", "/elsewhere/index.html"}) {
            assertEquals(404, get(resources, target).status(), target);
        }
        assertEquals(200, get(resources, "/static/index.html").status());
    }

    @Test
    void aResourceThatCannotBeReadIsTheServersErrorNotAMissingFile() {
        StaticResources resources = new StaticResources("/", "web", WEB);
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> get(resources, "/broken.txt"));
        assertEquals("the jar went away", failure.getCause().getMessage()); // the exchange answers 500
    }

    @Test
    void theUrlPrefixStartsAndEndsWithASlash() {
        for (String prefix : new String[] {"static/", "/static", ""}) {
            assertThrows(IllegalArgumentException.class, () -> new StaticResources(prefix, "web", WEB), prefix);
        }
        assertEquals("/static/", new StaticResources("/static/", "web", WEB).urlPrefix());
    }
}
