package dev.wsnio.examples.demo;

import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.handshake.HttpStatus;
import dev.wsnio.server.HttpHandler;
import dev.wsnio.server.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * One file of a WebJar (an npm package repackaged as a jar on Maven Central, such as
 * {@code org.webjars.npm:vue}), served from the class path under a fixed URL, so that the page
 * loads {@code /vendor/vue.js} without a CDN and without naming the version, which comes from the
 * jar's own {@code pom.properties}. The file is read once; a browser that has it already gets
 * {@code 304} (its {@code ETag} is the package's version).
 */
final class WebJarFile implements HttpHandler {

    private static final String GROUP = "org.webjars.npm";

    private final String version;
    private final byte[] content;
    private final String etag;

    /**
     * Loads a file of a WebJar.
     *
     * @param name the npm package, e.g. {@code vue}
     * @param file the file within the package, e.g. {@code dist/vue.global.prod.js}
     * @param loader where the WebJar is
     * @throws IllegalStateException when the WebJar or the file is not on the class path
     */
    WebJarFile(String name, String file, ClassLoader loader) {
        this.version = version(name, loader);
        this.content = read(loader, "META-INF/resources/webjars/" + name + "/" + version + "/" + file);
        this.etag = "\"" + name + "-" + version + "\"";
    }

    /**
     * The package's version.
     *
     * @return e.g. {@code 3.5.26}
     */
    String version() {
        return version;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (request.headers().first("If-None-Match").filter(etag::equals).isPresent()) {
            return HttpResponse.builder(HttpStatus.NOT_MODIFIED).header("ETag", etag).build();
        }
        return HttpResponse.builder(HttpStatus.OK)
                .header("ETag", etag)
                .header("Cache-Control", "no-cache")
                .body("text/javascript; charset=utf-8", content)
                .build();
    }

    private static String version(String name, ClassLoader loader) {
        Properties pom = new Properties();
        try (InputStream in = open(loader, "META-INF/maven/" + GROUP + "/" + name + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path: is the WebJar a dependency?");
        }
        return in;
    }
}
