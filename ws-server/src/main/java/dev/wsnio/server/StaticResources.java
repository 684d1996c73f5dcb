package dev.wsnio.server;

import dev.wsnio.handshake.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Serves files from the class path under a URL prefix: {@code GET /app/index.html} answers with
 * the resource {@code <root>/index.html}; a path ending in {@code /} serves {@code index.html}.
 * Paths with {@code ..} segments, backslashes or NUL are refused (404), so nothing outside the
 * root can be reached. Only {@code GET} and {@code HEAD} are served; other methods get 405 with
 * {@code Allow: GET, HEAD} (RFC 9110 §15.5.6). Meant for a demo page and its scripts, not for
 * large files (a file is read whole into memory for each request).
 */
public final class StaticResources implements HttpHandler {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final String urlPrefix;
    private final String resourceRoot;
    private final ClassLoader loader;

    /**
     * Creates a handler for one directory of resources.
     *
     * @param urlPrefix the path prefix it serves, e.g. {@code "/"} or {@code "/static/"}
     * @param resourceRoot the resource directory, e.g. {@code "web"} for {@code web/index.html}
     * @param loader where the resources are
     */
    public StaticResources(String urlPrefix, String resourceRoot, ClassLoader loader) {
        if (!urlPrefix.startsWith("/") || !urlPrefix.endsWith("/")) {
            throw new IllegalArgumentException("urlPrefix must start and end with '/'");
        }
        this.urlPrefix = urlPrefix;
        this.resourceRoot = resourceRoot.endsWith("/") ? resourceRoot : resourceRoot + "/";
        this.loader = loader;
    }

    /**
     * The path prefix this handler serves.
     *
     * @return the prefix, e.g. {@code /static/}
     */
    public String urlPrefix() {
        return urlPrefix;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.builder(HttpStatus.METHOD_NOT_ALLOWED)
                    .header("Allow", "GET, HEAD")
                    .textBody("Method Not Allowed")
                    .build();
        }
        String path = request.path();
        if (!path.startsWith(urlPrefix)) {
            return notFound();
        }
        String relative = path.substring(urlPrefix.length());
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        if (!isSafe(relative)) {
            return notFound();
        }
        try (InputStream in = loader.getResourceAsStream(resourceRoot + relative)) {
            if (in == null) {
                return notFound();
            }
            byte[] content = in.readAllBytes();
            return HttpResponse.builder(HttpStatus.OK)
                    .header("Cache-Control", "no-cache")
                    .body(contentType(relative), content)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSafe(String relative) {
        if (relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0 || relative.startsWith("/")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static HttpResponse notFound() {
        return HttpResponse.builder(HttpStatus.NOT_FOUND).textBody("Not Found").build();
    }
}
