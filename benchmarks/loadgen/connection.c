/*
 * One client connection: TCP connect (from a chosen loopback source address), TLS when wss://,
 * the opening handshake, then the echo traffic: masked frames out, unmasked frames in, parsed
 * as they arrive (split anywhere) and compared byte for byte with the message they answer.
 *
 * Message s of connection c (RFC 6455 frames, one frame per message) carries in its first 16
 * bytes c and s as 8 hexadecimal digits each, then bytes 16.. of pattern + (s % 251): each
 * message differs from the one before and after it, so a lost, repeated, reordered or altered
 * echo shows at once. Hexadecimal digits and a printable pattern keep text messages UTF-8.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wsload.h"

#define HTTP_CAPACITY 4096
#define PATTERN_ROTATIONS 251u

/* RFC 6455 section 5.2: opcodes */
enum {
    OP_CONTINUATION = 0x0,
    OP_TEXT = 0x1,
    OP_BINARY = 0x2,
    OP_CLOSE = 0x8,
    OP_PING = 0x9,
    OP_PONG = 0xA
};

/* ---- plumbing ------------------------------------------------------------------------------ */

static void set_interest(struct run *r, struct connection *c, uint32_t events)
{
    if (c->interest == events) {
        return;
    }
    struct epoll_event ev = { .events = events, .data.ptr = c };
    if (epoll_ctl(r->epoll, EPOLL_CTL_MOD, c->fd, &ev) == 0) {
        c->interest = events;
    }
}

static enum io_result conn_read(struct connection *c, void *buf, size_t len, size_t *count)
{
    if (c->tls != NULL) {
        return tls_read(c->tls, buf, len, count);
    }
    ssize_t n = read(c->fd, buf, len);
    if (n > 0) {
        *count = (size_t) n;
        return IO_DONE;
    }
    if (n == 0) {
        return IO_EOF;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? IO_WANT_READ : IO_ERROR;
}

static enum io_result conn_write(struct connection *c, const void *buf, size_t len, size_t *count)
{
    if (c->tls != NULL) {
        return tls_write(c->tls, buf, len, count);
    }
    ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
    if (n >= 0) {
        *count = (size_t) n;
        return IO_DONE;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? IO_WANT_WRITE : IO_ERROR;
}

static const char *io_error_text(const struct connection *c)
{
    return c->tls != NULL ? tls_last_error() : strerror(errno);
}

/* closes the socket and frees what the connection holds; counts stay with the caller */
static void release(struct run *r, struct connection *c)
{
    if (c->state == CONN_OPEN) {
        r->open--;
        r->in_flight_total -= c->next_send - c->next_recv;
    } else if (c->state >= CONN_CONNECTING && c->state <= CONN_RESPONSE) {
        r->connecting--;
    }
    if (c->tls != NULL) {
        tls_free(c->tls);
        c->tls = NULL;
    }
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    free(c->http);
    free(c->out);
    free(c->sent_at);
    c->http = NULL;
    c->out = NULL;
    c->sent_at = NULL;
    c->state = CONN_CLOSED;
}

/* reports, counts and drops a failed connection; before it was open, it counts as a failed connect */
__attribute__((format(printf, 4, 5)))
static void fail(struct run *r, struct connection *c, uint64_t *counter, const char *format, ...)
{
    char text[256];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    report_error(r, c, "%s", text);
    (*(c->state == CONN_OPEN ? counter : &r->failed_connects))++;
    release(r, c);
}

/* room for len more bytes of output; the buffer is allocated on first use */
static uint8_t *out_reserve(struct run *r, struct connection *c, size_t len)
{
    if (c->out == NULL) {
        const struct options *o = r->options;
        c->out_cap = o->mode == MODE_ECHO ? (size_t) o->in_flight * (o->size + 14) + 256 : 256;
        c->out = malloc(c->out_cap);
        if (c->out == NULL) {
            perror("output buffer");
            exit(2);
        }
        c->out_start = c->out_end = 0;
    }
    if (c->out_end + len > c->out_cap && c->out_start > 0) {
        memmove(c->out, c->out + c->out_start, c->out_end - c->out_start);
        c->out_end -= c->out_start;
        c->out_start = 0;
    }
    if (c->out_end + len > c->out_cap) {
        size_t cap = c->out_end + len + c->out_cap;
        uint8_t *bigger = realloc(c->out, cap);
        if (bigger == NULL) {
            perror("output buffer");
            exit(2);
        }
        c->out = bigger;
        c->out_cap = cap;
    }
    uint8_t *p = c->out + c->out_end;
    c->out_end += len;
    return p;
}

/* writes what the socket takes; false when the connection failed */
static bool flush(struct run *r, struct connection *c)
{
    while (c->out_start < c->out_end) {
        size_t n = 0;
        enum io_result result = conn_write(c, c->out + c->out_start, c->out_end - c->out_start, &n);
        switch (result) {
        case IO_DONE:
            c->out_start += n;
            break;
        case IO_WANT_WRITE:
            set_interest(r, c, EPOLLIN | EPOLLOUT);
            return true;
        case IO_WANT_READ: /* TLS needs input first; the read path flushes again */
            return true;
        default:
            fail(r, c, &r->io_errors, "write: %s", io_error_text(c));
            return false;
        }
    }
    c->out_start = c->out_end = 0;
    set_interest(r, c, EPOLLIN);
    return true;
}

/* ---- frames out ---------------------------------------------------------------------------- */

/* dst = src XOR the masking key, RFC 6455 section 5.3, eight bytes a step */
static void mask_copy(uint8_t *dst, const uint8_t *src, size_t n, const uint8_t key[4])
{
    uint8_t key8[8] = { key[0], key[1], key[2], key[3], key[0], key[1], key[2], key[3] };
    uint64_t k;
    memcpy(&k, key8, sizeof k);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, src + i, sizeof v);
        v ^= k;
        memcpy(dst + i, &v, sizeof v);
    }
    for (; i < n; i++) {
        dst[i] = src[i] ^ key[i & 3];
    }
}

/* appends one masked frame with FIN set; payload = prefix (a multiple of 4 bytes) + rest */
static void append_frame(struct run *r, struct connection *c, uint8_t opcode, const uint8_t *prefix,
                         size_t prefix_len, const uint8_t *rest, size_t rest_len)
{
    size_t len = prefix_len + rest_len;
    size_t header_len = 2 + (len > 125 ? (len > 65535 ? 8 : 2) : 0) + 4;
    uint8_t *p = out_reserve(r, c, header_len + len);
    p[0] = (uint8_t) (0x80 | opcode);
    size_t i = 2;
    if (len <= 125) {
        p[1] = (uint8_t) (0x80 | len);
    } else if (len <= 65535) {
        p[1] = 0x80 | 126;
        p[2] = (uint8_t) (len >> 8);
        p[3] = (uint8_t) len;
        i = 4;
    } else {
        p[1] = 0x80 | 127;
        for (int b = 0; b < 8; b++) {
            p[2 + b] = (uint8_t) ((uint64_t) len >> (56 - 8 * b));
        }
        i = 10;
    }
    /* a fresh masking key for every frame, RFC 6455 section 5.3 */
    uint32_t key = random_u32();
    memcpy(p + i, &key, 4);
    const uint8_t *key_bytes = p + i;
    i += 4;
    mask_copy(p + i, prefix, prefix_len, key_bytes);
    mask_copy(p + i + prefix_len, rest, rest_len, key_bytes);
}

static void message_prefix(uint32_t connection, uint32_t sequence, uint8_t prefix[16])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        prefix[i] = (uint8_t) hex[(connection >> (28 - 4 * i)) & 15u];
        prefix[8 + i] = (uint8_t) hex[(sequence >> (28 - 4 * i)) & 15u];
    }
}

static void send_message(struct run *r, struct connection *c, uint64_t now)
{
    const struct options *o = r->options;
    uint32_t sequence = c->next_send++;
    c->sent_at[sequence % (uint32_t) o->in_flight] = now;
    uint8_t prefix[16];
    message_prefix(c->id, sequence, prefix);
    append_frame(r, c, o->type == TYPE_TEXT ? OP_TEXT : OP_BINARY, prefix, sizeof prefix,
                 r->pattern + sequence % PATTERN_ROTATIONS + 16, o->size - 16);
    r->in_flight_total++;
}

void connection_begin_echo(struct run *r, struct connection *c)
{
    if (c->state != CONN_OPEN) {
        return;
    }
    uint64_t now = now_ns();
    for (int i = 0; i < r->options->in_flight; i++) {
        send_message(r, c, now);
    }
    flush(r, c);
}

void connection_close(struct run *r, struct connection *c)
{
    if (c->state == CONN_OPEN) {
        /* a Close frame with status 1000, best effort: whatever the socket takes now */
        static const uint8_t normal[4] = { 0x03, 0xE8, 0, 0 };
        append_frame(r, c, OP_CLOSE, normal, 0, normal, 2);
        size_t n;
        conn_write(c, c->out + c->out_start, c->out_end - c->out_start, &n);
    }
    if (c->state != CONN_CLOSED && c->state != CONN_WAITING) {
        release(r, c);
    }
}

/* ---- frames in ----------------------------------------------------------------------------- */

/* whether these n bytes are bytes [message_offset, message_offset + n) of the expected message */
static bool matches(const struct run *r, const struct connection *c, const uint8_t *p, size_t n)
{
    size_t offset = (size_t) c->message_offset;
    while (n > 0 && offset < 16) {
        if (*p != c->expected_prefix[offset]) {
            return false;
        }
        p++;
        n--;
        offset++;
    }
    return n == 0 || memcmp(p, r->pattern + c->next_recv % PATTERN_ROTATIONS + offset, n) == 0;
}

/* a whole message arrived and matched: count it, time it, and send the next one */
static void echo_complete(struct run *r, struct connection *c)
{
    uint64_t now = now_ns();
    uint32_t in_flight = (uint32_t) r->options->in_flight;
    uint64_t latency = now - c->sent_at[c->next_recv % in_flight];
    c->next_recv++;
    r->in_flight_total--;
    r->all_echoes++;
    if (now >= r->measure_from_ns && now < r->measure_until_ns) {
        r->measured_echoes++;
        histogram_record(&r->latency, latency);
    }
    if (r->sending) {
        send_message(r, c, now);
    }
}

/* the header is complete: check it; false when the connection failed */
static bool frame_start(struct run *r, struct connection *c)
{
    const struct options *o = r->options;
    uint8_t b0 = c->header[0], b1 = c->header[1];
    c->fin = (b0 & 0x80) != 0;
    c->opcode = b0 & 0x0F;
    uint64_t len = b1 & 0x7F;
    if (len == 126) {
        len = (uint64_t) c->header[2] << 8 | c->header[3];
    } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
            len = len << 8 | c->header[2 + i];
        }
    }
    c->payload_left = len;
    if ((b0 & 0x70) != 0) { /* RSV1-3: no extension was agreed, RFC 6455 5.2 */
        fail(r, c, &r->protocol_errors, "a frame with RSV bits set");
        return false;
    }
    if (c->opcode >= 0x8) { /* control frames: RFC 6455 5.5 */
        if (!c->fin || len > 125 || c->opcode > OP_PONG) {
            fail(r, c, &r->protocol_errors, "a bad control frame (opcode %u, length %llu)", c->opcode,
                 (unsigned long long) len);
            return false;
        }
        c->control_len = 0;
        return true;
    }
    if (c->opcode == OP_CONTINUATION) {
        if (!c->in_message) {
            fail(r, c, &r->protocol_errors, "a continuation frame outside a message");
            return false;
        }
    } else if (c->opcode == OP_TEXT || c->opcode == OP_BINARY) {
        if (c->in_message) {
            fail(r, c, &r->protocol_errors, "a new message inside a fragmented one");
            return false;
        }
        uint8_t expected = o->type == TYPE_TEXT ? OP_TEXT : OP_BINARY;
        if (c->opcode != expected) {
            fail(r, c, &r->mismatches, "a %s echo of a %s message", c->opcode == OP_TEXT ? "text" : "binary",
                 o->type == TYPE_TEXT ? "text" : "binary");
            return false;
        }
        if (c->next_recv == c->next_send) {
            fail(r, c, &r->mismatches, "an echo of a message that was never sent");
            return false;
        }
        c->in_message = true;
        c->message_offset = 0;
        message_prefix(c->id, c->next_recv, c->expected_prefix);
    } else {
        fail(r, c, &r->protocol_errors, "a frame with reserved opcode %u", c->opcode);
        return false;
    }
    if (c->message_offset + len > o->size) {
        fail(r, c, &r->mismatches, "echo of message %u is longer than the %zu bytes sent", c->next_recv, o->size);
        return false;
    }
    return true;
}

/* the frame's payload is all in: act on it; false when the connection failed */
static bool frame_end(struct run *r, struct connection *c)
{
    switch (c->opcode) {
    case OP_PING: /* RFC 6455 5.5.2: answer with a Pong carrying the same data */
        append_frame(r, c, OP_PONG, c->control, 0, c->control, c->control_len);
        return true;
    case OP_PONG:
        return true;
    case OP_CLOSE: {
        unsigned code = c->control_len >= 2 ? (unsigned) c->control[0] << 8 | c->control[1] : 1005;
        fail(r, c, &r->unexpected_closes, "the server closed the WebSocket (code %u)", code);
        return false;
    }
    default:
        if (!c->fin) {
            return true; /* more fragments to come */
        }
        if (c->message_offset != r->options->size) {
            fail(r, c, &r->mismatches, "echo of message %u has %llu bytes, not %zu", c->next_recv,
                 (unsigned long long) c->message_offset, r->options->size);
            return false;
        }
        c->in_message = false;
        echo_complete(r, c);
        return true;
    }
}

/* parses and checks input bytes; false when the connection failed */
static bool consume(struct run *r, struct connection *c, const uint8_t *data, size_t len)
{
    while (len > 0) {
        if (c->parse == PARSE_HEADER) {
            while (len > 0 && c->header_have < c->header_need) {
                c->header[c->header_have++] = *data++;
                len--;
                if (c->header_have == 2) {
                    if (c->header[1] & 0x80) { /* RFC 6455 5.1: a server never masks */
                        fail(r, c, &r->protocol_errors, "a masked frame from the server");
                        return false;
                    }
                    uint8_t len7 = c->header[1] & 0x7F;
                    c->header_need = (uint8_t) (2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0));
                }
            }
            if (c->header_have < c->header_need) {
                return true; /* the rest of the header comes with the next read */
            }
            if (!frame_start(r, c)) {
                return false;
            }
            c->parse = PARSE_PAYLOAD;
        }
        size_t n = len < c->payload_left ? len : (size_t) c->payload_left;
        if (c->opcode >= 0x8) {
            memcpy(c->control + c->control_len, data, n);
            c->control_len = (uint8_t) (c->control_len + n);
        } else if (n > 0) {
            if (!matches(r, c, data, n)) {
                fail(r, c, &r->mismatches, "echo of message %u differs from what was sent within bytes %llu..%llu",
                     c->next_recv, (unsigned long long) c->message_offset,
                     (unsigned long long) (c->message_offset + n - 1));
                return false;
            }
            c->message_offset += n;
        }
        data += n;
        len -= n;
        c->payload_left -= n;
        if (c->payload_left == 0) {
            c->parse = PARSE_HEADER;
            c->header_have = 0;
            c->header_need = 2;
            if (!frame_end(r, c)) {
                return false;
            }
        }
    }
    return true;
}

/* ---- the connection's life --------------------------------------------------------------- */

void connection_start(struct run *r, struct connection *c)
{
    const struct options *o = r->options;
    if (r->first_connect_ns == 0) {
        r->first_connect_ns = now_ns();
    }
    c->state = CONN_CONNECTING;
    r->connecting++;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        fail(r, c, &r->failed_connects, "socket: %s", strerror(errno));
        return;
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (o->sources > 0) {
        /* the port is chosen at connect time, per (source, destination) pair: more than the
         * ~28,000 ephemeral ports one source address has towards one server */
        setsockopt(c->fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        struct sockaddr_in source = { .sin_family = AF_INET };
        source.sin_addr.s_addr = htonl(0x7F000002u + c->id % (uint32_t) o->sources);
        if (bind(c->fd, (struct sockaddr *) &source, sizeof source) != 0) {
            fail(r, c, &r->failed_connects, "bind: %s", strerror(errno));
            return;
        }
    }
    struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons(o->port), .sin_addr = o->address };
    if (connect(c->fd, (struct sockaddr *) &server, sizeof server) != 0 && errno != EINPROGRESS) {
        fail(r, c, &r->failed_connects, "connect: %s", strerror(errno));
        return;
    }
    struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
    if (epoll_ctl(r->epoll, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
        fail(r, c, &r->failed_connects, "epoll_ctl: %s", strerror(errno));
        return;
    }
    c->interest = EPOLLOUT;
}

static void opened(struct run *r, struct connection *c, const uint8_t *early, size_t early_len)
{
    c->state = CONN_OPEN;
    r->connecting--;
    r->open++;
    r->opened++;
    r->last_open_ns = now_ns();
    c->parse = PARSE_HEADER;
    c->header_have = 0;
    c->header_need = 2;
    if (r->options->mode == MODE_ECHO) {
        c->sent_at = calloc((size_t) r->options->in_flight, sizeof *c->sent_at);
        if (c->sent_at == NULL) {
            perror("connection");
            exit(2);
        }
    }
    set_interest(r, c, EPOLLIN);
    if (early_len > 0) {
        consume(r, c, early, early_len); /* frames that came with the response */
    }
}

static void send_request(struct run *r, struct connection *c)
{
    if (c->http == NULL) {
        char key[25];
        handshake_new_key(key);
        handshake_expected_accept(key, c->accept);
        c->http = malloc(HTTP_CAPACITY);
        if (c->http == NULL) {
            perror("handshake");
            exit(2);
        }
        c->http_len = handshake_request(r->options, key, c->http, HTTP_CAPACITY);
        c->http_done = 0;
        c->state = CONN_REQUEST;
    }
    while (c->http_done < c->http_len) {
        size_t n = 0;
        enum io_result result = conn_write(c, c->http + c->http_done, c->http_len - c->http_done, &n);
        if (result == IO_DONE) {
            c->http_done += n;
        } else if (result == IO_WANT_WRITE) {
            set_interest(r, c, EPOLLOUT);
            return;
        } else if (result == IO_WANT_READ) {
            set_interest(r, c, EPOLLIN);
            return;
        } else {
            fail(r, c, &r->failed_connects, "sending the upgrade request: %s", io_error_text(c));
            return;
        }
    }
    c->state = CONN_RESPONSE;
    c->http_len = 0; /* the buffer now collects the response */
    set_interest(r, c, EPOLLIN);
}

static void read_response(struct run *r, struct connection *c)
{
    for (;;) {
        size_t n = 0;
        enum io_result result = conn_read(c, c->http + c->http_len, HTTP_CAPACITY - 1 - c->http_len, &n);
        if (result == IO_WANT_READ) {
            return;
        }
        if (result == IO_WANT_WRITE) {
            set_interest(r, c, EPOLLIN | EPOLLOUT);
            return;
        }
        if (result != IO_DONE) {
            fail(r, c, &r->failed_connects, "reading the upgrade response: %s",
                 result == IO_EOF ? "the server closed the connection" : io_error_text(c));
            return;
        }
        c->http_len += n;
        c->http[c->http_len] = '\0';
        char *end = strstr(c->http, "\r\n\r\n");
        if (end != NULL) {
            size_t head_len = (size_t) (end - c->http) + 4;
            const char *problem = handshake_check_response(c->http, head_len, c->accept);
            if (problem != NULL) {
                char *line_end = strchr(c->http, '\r');
                if (line_end != NULL) {
                    *line_end = '\0';
                }
                fail(r, c, &r->failed_connects, "handshake refused: %s (%s)", problem, c->http);
                return;
            }
            uint8_t early[HTTP_CAPACITY];
            size_t early_len = c->http_len - head_len;
            memcpy(early, c->http + head_len, early_len);
            free(c->http);
            c->http = NULL;
            opened(r, c, early, early_len);
            return;
        }
        if (c->http_len == HTTP_CAPACITY - 1) {
            fail(r, c, &r->failed_connects, "an upgrade response head over %d bytes", HTTP_CAPACITY);
            return;
        }
    }
}

static void continue_tls(struct run *r, struct connection *c)
{
    switch (tls_handshake(c->tls)) {
    case IO_DONE:
        send_request(r, c);
        return;
    case IO_WANT_READ:
        set_interest(r, c, EPOLLIN);
        return;
    case IO_WANT_WRITE:
        set_interest(r, c, EPOLLOUT);
        return;
    default:
        fail(r, c, &r->failed_connects, "TLS handshake: %s", tls_last_error());
        return;
    }
}

static void connected(struct run *r, struct connection *c)
{
    int error = 0;
    socklen_t len = sizeof error;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
        fail(r, c, &r->failed_connects, "connect: %s", strerror(error != 0 ? error : errno));
        return;
    }
    if (r->options->tls) {
        c->tls = tls_new(c->fd);
        if (c->tls == NULL) {
            fail(r, c, &r->failed_connects, "TLS: %s", tls_last_error());
            return;
        }
        c->state = CONN_TLS;
        continue_tls(r, c);
    } else {
        send_request(r, c);
    }
}

/* reads and checks what arrived, a bounded number of reads at a time (level-triggered) */
static bool read_open(struct run *r, struct connection *c)
{
    for (int reads = 0; reads < 16; reads++) {
        size_t n = 0;
        enum io_result result = conn_read(c, r->read_buffer, r->read_buffer_len, &n);
        if (result == IO_DONE) {
            if (!consume(r, c, r->read_buffer, n)) {
                return false;
            }
            if (c->tls == NULL && n < r->read_buffer_len) {
                return true; /* the socket is drained */
            }
        } else if (result == IO_WANT_READ) {
            return true;
        } else if (result == IO_WANT_WRITE) {
            set_interest(r, c, EPOLLIN | EPOLLOUT);
            return true;
        } else if (result == IO_EOF) {
            fail(r, c, &r->unexpected_closes, "the server closed the connection");
            return false;
        } else {
            fail(r, c, &r->io_errors, "read: %s", io_error_text(c));
            return false;
        }
    }
    return true;
}

void connection_event(struct run *r, struct connection *c, uint32_t events)
{
    switch (c->state) {
    case CONN_CONNECTING:
        connected(r, c);
        return;
    case CONN_TLS:
        continue_tls(r, c);
        return;
    case CONN_REQUEST:
        send_request(r, c);
        return;
    case CONN_RESPONSE:
        read_response(r, c);
        return;
    case CONN_OPEN:
        if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && !read_open(r, c)) {
            return;
        }
        if (c->out != NULL && c->out_start < c->out_end) {
            flush(r, c);
        } else if (c->interest & EPOLLOUT) {
            set_interest(r, c, EPOLLIN);
        }
        return;
    default:
        return;
    }
}
