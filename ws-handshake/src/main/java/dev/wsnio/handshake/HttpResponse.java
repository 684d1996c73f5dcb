package dev.wsnio.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HTTP/1.1 response to send: status line, header fields and body, immutable, serialised
 * with {@link #toBytes()} or {@link #toByteBuffer()}.
 *
 * <p>The builder owns the message framing: it adds {@code Content-Length} for every status
 * that may have content, and refuses a body for 1xx, 204 and 304 responses, which have none
 * (RFC 9110 §8.6, §6.4.1). Other headers, {@code Date} included, are the caller's business.
 *
 * <pre>{@code
 * HttpResponse response = HttpResponse.builder(HttpStatus.OK)
 *         .header("Cache-Control", "no-store")
 *         .textBody("hello")
 *         .build();
 * }</pre>
 */
public final class HttpResponse {

    /** The body of a response without one (shared: an empty array cannot change). */
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final String reasonPhrase;
    private final HttpHeaders headers;
    private final byte[] body;

    private HttpResponse(int status, String reasonPhrase, HttpHeaders headers, byte[] body) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Starts a response with the given status and its standard reason phrase.
     *
     * @param status the status code, 100–599
     * @return a builder
     * @throws IllegalArgumentException when the status is outside 100–599
     */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /**
     * The status code.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase.
     *
     * @return the reason phrase, possibly empty
     */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /**
     * The header fields, {@code Content-Length} included when there is one.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the body, empty when there is none
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * A copy with one more header field, for a header that the code building the response
     * did not know about, such as {@code Set-Cookie} on a 101 or {@code Date}.
     *
     * @param name  the field name
     * @param value the field value
     * @return the new response
     * @throws IllegalArgumentException when the field is invalid or is {@code Content-Length}
     *                                  or {@code Transfer-Encoding}
     */
    public HttpResponse withHeader(String name, String value) {
        Builder.refuseFramingHeader(name);
        return new HttpResponse(status, reasonPhrase, headers.with(name, value), body);
    }

    /**
     * The status line, headers and body, ready to write.
     *
     * @return the bytes of the response
     */
    public byte[] toBytes() {
        byte[] head = headBytes();
        if (body.length == 0) {
            return head; // a 101, a 204: the head is the message
        }
        byte[] message = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    /**
     * The status line, headers and body, ready to write.
     *
     * @return a new buffer holding the response, positioned at its start
     */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(toBytes());
    }

    /**
     * The status line and headers without the body, as sent in answer to a {@code HEAD}
     * request, whose response has the headers of the {@code GET} one but no content
     * (RFC 9110 §9.3.2).
     *
     * @return the bytes of the head, ending with the empty line
     */
    public byte[] headBytes() {
        return HeadWriter.write(HttpVersion.HTTP_1_1 + " " + status + " " + reasonPhrase, headers);
    }

    /**
     * The status line, for debugging.
     *
     * @return a description of the response
     */
    @Override
    public String toString() {
        return "HTTP/1.1 " + status + " " + reasonPhrase + " " + headers;
    }

    /** Builds an {@link HttpResponse}; not thread-safe. */
    public static final class Builder {

        private final int status;
        private String reasonPhrase;
        /** The fields added so far, made into {@link HttpHeaders} once, by {@link #build()}. */
        private final List<HttpField> fields = new ArrayList<>(6);
        private HttpField contentType;
        private byte[] body = NO_BODY;

        private Builder(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status code out of range: " + status);
            }
            this.status = status;
            this.reasonPhrase = HttpStatus.reasonPhrase(status);
        }

        /**
         * Replaces the standard reason phrase.
         *
         * @param phrase the reason phrase: VCHAR, obs-text, SP and HTAB only
         * @return this builder
         * @throws IllegalArgumentException when the phrase holds another character
         */
        public Builder reasonPhrase(String phrase) {
            if (!phrase.chars().allMatch(HttpGrammar::isFieldValueChar)) {
                throw new IllegalArgumentException("invalid reason phrase");
            }
            this.reasonPhrase = phrase;
            return this;
        }

        /**
         * Adds a header field, after those already added.
         *
         * @param name  the field name, a token
         * @param value the field value
         * @return this builder
         * @throws IllegalArgumentException when the field is invalid (see {@link HttpField}),
         *                                  or is {@code Content-Length} or {@code
         *                                  Transfer-Encoding}, which the builder sets
         */
        public Builder header(String name, String value) {
            refuseFramingHeader(name);
            fields.add(new HttpField(name, value));
            return this;
        }

        /**
         * Sets the body and its {@code Content-Type}, replacing any body set before.
         *
         * @param mediaType the media type, for example {@code application/json}
         * @param content   the body; copied
         * @return this builder
         * @throws IllegalArgumentException when the media type is not a valid field value
         */
        public Builder body(String mediaType, byte[] content) {
            contentType = new HttpField(HeaderNames.CONTENT_TYPE, mediaType);
            body = content.clone();
            return this;
        }

        /**
         * Sets a plain-text body, encoded as UTF-8.
         *
         * @param text the text
         * @return this builder
         */
        public Builder textBody(String text) {
            return body("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Builds the response: the headers added, then {@code Content-Type} when a body was
         * set, then {@code Content-Length} when the status allows content.
         *
         * @return the response
         * @throws IllegalStateException when a body was set on a 1xx, 204 or 304 response
         */
        public HttpResponse build() {
            boolean mayHaveContent = status >= 200 && status != 204 && status != 304;
            if (!mayHaveContent && contentType != null) {
                throw new IllegalStateException("a " + status + " response has no body");
            }
            List<HttpField> framed = new ArrayList<>(fields);
            if (contentType != null) {
                framed.add(contentType);
            }
            if (mayHaveContent) {
                framed.add(new HttpField(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length)));
            }
            return new HttpResponse(status, reasonPhrase, HttpHeaders.of(framed), body);
        }

        private static void refuseFramingHeader(String name) {
            if (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)
                    || name.equalsIgnoreCase(HeaderNames.TRANSFER_ENCODING)) {
                throw new IllegalArgumentException(name + " is set by the builder from the body");
            }
        }
    }
}
