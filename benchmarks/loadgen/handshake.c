/*
 * The client's side of the opening handshake (RFC 6455 section 4.1): the request, and the
 * checks a client must make of the response. SHA-1 (FIPS 180-4) and base64 (RFC 4648) are
 * written out here so that the tool needs no library for plain ws://.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "wsload.h"

/* RFC 6455 section 1.3 */
static const char GUID[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/* ---- SHA-1, FIPS 180-4 section 6.1 ---------------------------------------------------- */

static uint32_t rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32u - n));
}

static void sha1_block(uint32_t h[5], const uint8_t block[64])
{
    uint32_t w[80];
    for (int t = 0; t < 16; t++) {
        w[t] = (uint32_t) block[4 * t] << 24 | (uint32_t) block[4 * t + 1] << 16
            | (uint32_t) block[4 * t + 2] << 8 | block[4 * t + 3];
    }
    for (int t = 16; t < 80; t++) {
        w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999u;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1u;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdcu;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6u;
        }
        uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

/* the digest of a message shorter than 2^29 bytes */
static void sha1(const uint8_t *message, size_t len, uint8_t digest[20])
{
    uint32_t h[5] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u };
    size_t full = len / 64;
    for (size_t i = 0; i < full; i++) {
        sha1_block(h, message + 64 * i);
    }
    /* padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number */
    uint8_t tail[128] = { 0 };
    size_t rest = len - 64 * full;
    memcpy(tail, message + 64 * full, rest);
    tail[rest] = 0x80;
    size_t tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t) len * 8u;
    for (int i = 0; i < 8; i++) {
        tail[tail_len - 1 - i] = (uint8_t) (bits >> (8 * i));
    }
    for (size_t i = 0; i < tail_len; i += 64) {
        sha1_block(h, tail + i);
    }
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (uint8_t) (h[i] >> 24);
        digest[4 * i + 1] = (uint8_t) (h[i] >> 16);
        digest[4 * i + 2] = (uint8_t) (h[i] >> 8);
        digest[4 * i + 3] = (uint8_t) h[i];
    }
}

/* ---- base64, RFC 4648 section 4 ----------------------------------------------------------- */

static void base64(const uint8_t *in, size_t len, char *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t group = (uint32_t) in[i] << 16;
        if (i + 1 < len) {
            group |= (uint32_t) in[i + 1] << 8;
        }
        if (i + 2 < len) {
            group |= in[i + 2];
        }
        out[o++] = alphabet[(group >> 18) & 63];
        out[o++] = alphabet[(group >> 12) & 63];
        out[o++] = i + 1 < len ? alphabet[(group >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? alphabet[group & 63] : '=';
    }
    out[o] = '\0';
}

/* ---- the handshake ------------------------------------------------------------------------ */

void handshake_new_key(char key[25])
{
    uint8_t nonce[16]; /* RFC 6455 4.1: a randomly selected 16-byte value, base64-encoded */
    random_bytes(nonce, sizeof nonce);
    base64(nonce, sizeof nonce, key);
}

void handshake_expected_accept(const char key[25], char accept[29])
{
    char joined[24 + sizeof GUID];
    memcpy(joined, key, 24);
    memcpy(joined + 24, GUID, sizeof GUID - 1);
    uint8_t digest[20];
    sha1((const uint8_t *) joined, 24 + sizeof GUID - 1, digest);
    base64(digest, sizeof digest, accept);
}

size_t handshake_request(const struct options *o, const char key[25], char *buf, size_t cap)
{
    int n = snprintf(buf, cap,
                     "GET %s HTTP/1.1\r\n"
                     "Host: %s:%u\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Key: %s\r\n"
                     "Sec-WebSocket-Version: 13\r\n"
                     "\r\n",
                     o->path, o->host, (unsigned) o->port, key);
    return n < 0 || (size_t) n >= cap ? 0 : (size_t) n;
}

/* whether a comma-separated header value holds this token, ignoring case and spaces */
static bool has_token(const char *value, size_t len, const char *token)
{
    size_t token_len = strlen(token);
    size_t i = 0;
    while (i < len) {
        while (i < len && (value[i] == ' ' || value[i] == '\t' || value[i] == ',')) {
            i++;
        }
        size_t start = i;
        while (i < len && value[i] != ',') {
            i++;
        }
        size_t end = i;
        while (end > start && (value[end - 1] == ' ' || value[end - 1] == '\t')) {
            end--;
        }
        if (end - start == token_len && strncasecmp(value + start, token, token_len) == 0) {
            return true;
        }
    }
    return false;
}

const char *handshake_check_response(const char *head, size_t len, const char accept[29])
{
    const char *end = head + len;
    const char *line_end = memchr(head, '\n', len);
    if (line_end == NULL) {
        return "no status line";
    }
    /* "HTTP/1.1 101 ..." */
    if (line_end - head < 12 || strncmp(head, "HTTP/1.1 ", 9) != 0) {
        return "not an HTTP/1.1 response";
    }
    if (strncmp(head + 9, "101", 3) != 0) {
        return "status is not 101 Switching Protocols";
    }
    bool upgrade = false, connection = false, accepted = false;
    for (const char *line = line_end + 1; line < end;) {
        const char *next = memchr(line, '\n', (size_t) (end - line));
        if (next == NULL) {
            next = end;
        }
        size_t line_len = (size_t) (next - line);
        if (line_len > 0 && line[line_len - 1] == '\r') {
            line_len--;
        }
        if (line_len == 0) {
            break; /* the blank line that ends the head */
        }
        const char *colon = memchr(line, ':', line_len);
        if (colon == NULL) {
            return "a header line without a colon";
        }
        size_t name_len = (size_t) (colon - line);
        const char *value = colon + 1;
        size_t value_len = line_len - name_len - 1;
        while (value_len > 0 && (*value == ' ' || *value == '\t')) {
            value++;
            value_len--;
        }
        while (value_len > 0 && (value[value_len - 1] == ' ' || value[value_len - 1] == '\t')) {
            value_len--;
        }
#define NAME_IS(n) (name_len == sizeof(n) - 1 && strncasecmp(line, n, name_len) == 0)
        if (NAME_IS("Upgrade")) {
            upgrade = value_len == 9 && strncasecmp(value, "websocket", 9) == 0;
        } else if (NAME_IS("Connection")) {
            connection = has_token(value, value_len, "upgrade");
        } else if (NAME_IS("Sec-WebSocket-Accept")) {
            accepted = value_len == 28 && memcmp(value, accept, 28) == 0;
            if (!accepted) {
                return "wrong Sec-WebSocket-Accept";
            }
        } else if (NAME_IS("Sec-WebSocket-Extensions")) {
            return "an extension the client did not offer";
        } else if (NAME_IS("Sec-WebSocket-Protocol")) {
            return "a subprotocol the client did not offer";
        }
#undef NAME_IS
        line = next + 1;
    }
    if (!upgrade) {
        return "no Upgrade: websocket";
    }
    if (!connection) {
        return "no Connection: Upgrade";
    }
    if (!accepted) {
        return "no Sec-WebSocket-Accept";
    }
    return NULL;
}
