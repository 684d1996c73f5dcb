package dev.wsnio.server;

import java.util.List;
import java.util.Optional;

/**
 * An HTTP/1.1 response of one of the server's routes, or of an upgrade hook that refuses a
 * handshake: status, header fields and body, immutable.
 *
 * <p>The builder owns the message framing: it sets {@code Content-Length} for every status that
 * may have content, and refuses a body for 1xx, 204 and 304 responses, which have none
 * (RFC 9110 §8.6, §6.4.1). The server adds {@code Date} and {@code Connection}.
 *
 * <pre>{@code
 * HttpResponse response = HttpResponse.builder(200)
 *         .header("Cache-Control", "no-store")
 *         .textBody("hello")
 *         .build();
 * }</pre>
 */
public final class HttpResponse {

    /** The response as the handshake module serialises it. */
    private final dev.wsnio.handshake.HttpResponse wire;

    private HttpResponse(dev.wsnio.handshake.HttpResponse wire) {
        this.wire = wire;
    }

    /**
     * Starts a response with the given status and its standard reason phrase.
     *
     * @param status the status code, 100–599
     * @return a builder
     * @throws IllegalArgumentException when the status is outside 100–599
     */
    public static Builder builder(int status) {
        return new Builder(dev.wsnio.handshake.HttpResponse.builder(status));
    }

    /**
     * The status code.
     *
     * @return the status code
     */
    public int status() {
        return wire.status();
    }

    /**
     * The reason phrase.
     *
     * @return the reason phrase, possibly empty
     */
    public String reasonPhrase() {
        return wire.reasonPhrase();
    }

    /**
     * The first value of a header field, {@code Content-Length} included.
     *
     * @param name the field's name, any case
     * @return its value, or empty when absent
     */
    public Optional<String> header(String name) {
        return wire.headers().first(name);
    }

    /**
     * Every value of a header field, in order.
     *
     * @param name the field's name, any case
     * @return the values, possibly none
     */
    public List<String> headers(String name) {
        return wire.headers().all(name);
    }

    /**
     * The body.
     *
     * @return a copy of the body, empty when there is none
     */
    public byte[] body() {
        return wire.body();
    }

    /**
     * A copy with one more header field.
     *
     * @param name the field name
     * @param value the field value
     * @return the new response
     * @throws IllegalArgumentException when the field is invalid or is {@code Content-Length}
     *     or {@code Transfer-Encoding}
     */
    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(wire.withHeader(name, value));
    }

    /** The response as the server writes it. */
    dev.wsnio.handshake.HttpResponse wire() {
        return wire;
    }

    /**
     * The status line and headers, for debugging.
     *
     * @return a description of the response
     */
    @Override
    public String toString() {
        return wire.toString();
    }

    /** Builds an {@link HttpResponse}; not thread-safe. */
    public static final class Builder {

        private final dev.wsnio.handshake.HttpResponse.Builder wire;

        private Builder(dev.wsnio.handshake.HttpResponse.Builder wire) {
            this.wire = wire;
        }

        /**
         * Replaces the standard reason phrase.
         *
         * @param phrase the reason phrase: VCHAR, obs-text, SP and HTAB only
         * @return this builder
         * @throws IllegalArgumentException when the phrase holds another character
         */
        public Builder reasonPhrase(String phrase) {
            wire.reasonPhrase(phrase);
            return this;
        }

        /**
         * Adds a header field.
         *
         * @param name the field name, a token
         * @param value the field value
         * @return this builder
         * @throws IllegalArgumentException when the field is invalid or is {@code Content-Length}
         *     or {@code Transfer-Encoding} (the builder frames the message itself)
         */
        public Builder header(String name, String value) {
            wire.header(name, value);
            return this;
        }

        /**
         * Sets the body and its {@code Content-Type}, replacing any body set before.
         *
         * @param mediaType the media type, for example {@code application/json}
         * @param content the body; copied
         * @return this builder
         * @throws IllegalArgumentException when the media type is not a valid field value
         */
        public Builder body(String mediaType, byte[] content) {
            wire.body(mediaType, content);
            return this;
        }

        /**
         * Sets a plain-text body, UTF-8, with {@code Content-Type: text/plain; charset=utf-8}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder textBody(String text) {
            wire.textBody(text);
            return this;
        }

        /**
         * Builds the response: the headers added, then {@code Content-Type} when a body was
         * set, then {@code Content-Length} when the status allows content.
         *
         * @return the response
         * @throws IllegalStateException when a body was set on a 1xx, 204 or 304 response
         */
        public HttpResponse build() {
            return new HttpResponse(wire.build());
        }
    }
}
