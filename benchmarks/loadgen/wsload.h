/*
 * wsload: a WebSocket echo load generator for the wsnio benchmarks (see benchmarks/README.md).
 *
 * One thread, one epoll set, non-blocking sockets. In echo mode every connection does the
 * RFC 6455 opening handshake, then keeps a window of masked binary (or text) messages in flight
 * and checks every byte of every echo against what it sent. In idle mode it opens the
 * connections, holds them, and measures what they cost the server process.
 *
 * This header holds what the translation units share: the options, a connection's state, the
 * histogram, the server probe, and the TLS hooks.
 */
#ifndef WSLOAD_H
#define WSLOAD_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- options (main.c) ---------------------------------------------------------------- */

enum run_mode { MODE_ECHO, MODE_IDLE };
enum message_type { TYPE_BINARY, TYPE_TEXT };

struct options {
    enum run_mode mode;
    char url[512];
    bool tls;                   /* wss:// */
    char host[256];             /* as written in the URL, for the Host header */
    struct in_addr address;     /* the server's loopback address */
    uint16_t port;
    char path[256];
    int connections;
    size_t size;                /* message payload bytes, at least 16 */
    int in_flight;              /* messages outstanding per connection */
    enum message_type type;
    double warmup_s, duration_s, drain_s;
    double settle_s, hold_s;    /* idle mode */
    double connect_timeout_s;
    int sources;                /* 0: the default source address; N: 127.0.0.2 .. 127.0.0.(N+1) */
    int connect_concurrency;    /* connection attempts in progress at once */
    long server_pid;            /* 0: unknown */
    bool heap_histogram;        /* idle mode: jcmd GC.class_histogram on a Java server */
};

/* ---- the time ----------------------------------------------------------------------------- */

/* CLOCK_MONOTONIC in nanoseconds */
uint64_t now_ns(void);

/* ---- latency histogram (histogram.c) -------------------------------------------------- */

/*
 * Log-linear buckets in the manner of HdrHistogram: values below 2048 ns are exact; above, each
 * power of two is split into 1024 equal buckets, so a reported value is within 0.1 % of the
 * recorded one. Values are nanoseconds, clamped to about 18 minutes.
 */
struct histogram {
    uint64_t *counts;
    size_t buckets;
    uint64_t total;
    uint64_t min, max;
    double sum;
};

void histogram_init(struct histogram *h);
void histogram_free(struct histogram *h);
void histogram_record(struct histogram *h, uint64_t value_ns);
/* the highest value equivalent to the one at this percentile (0 < p <= 100); 0 when empty */
uint64_t histogram_percentile(const struct histogram *h, double percentile);

/* ---- the server process, seen from outside (probe.c) --------------------------------- */

/* VmRSS of /proc/PID/status in bytes, -1 when unreadable */
long long probe_rss_bytes(long pid);
/* user + system CPU time of /proc/PID/stat in nanoseconds, -1 when unreadable */
long long probe_cpu_ns(long pid);
/* whether the process is a JVM (its comm is "java") */
bool probe_is_java(long pid);
/* bytes of live objects after a full collection (jcmd PID GC.class_histogram), -1 on failure */
long long probe_live_heap_bytes(long pid);
/* this process's user + system CPU time in nanoseconds */
long long probe_self_cpu_ns(void);
/* this process's system CPU time (in the kernel: the sockets, TCP over loopback) in nanoseconds */
long long probe_self_system_ns(void);

/* ---- the opening handshake (handshake.c) --------------------------------------------- */

/* a fresh Sec-WebSocket-Key (base64 of 16 random bytes, 24 characters + NUL) */
void handshake_new_key(char key[25]);
/* the Sec-WebSocket-Accept a server must answer for this key (28 characters + NUL), RFC 6455 4.2.2 */
void handshake_expected_accept(const char key[25], char accept[29]);
/* writes the GET request into buf, returns its length */
size_t handshake_request(const struct options *o, const char key[25], char *buf, size_t cap);
/*
 * Checks a complete response head (up to and including the blank line) as RFC 6455 4.1 asks of
 * a client: status 101, Upgrade: websocket, Connection: Upgrade, the right accept value, and no
 * extension or subprotocol (none was offered). Returns NULL when it is acceptable, else why not.
 */
const char *handshake_check_response(const char *head, size_t len, const char accept[29]);

/* ---- TLS (tls.c; stubs when built without OpenSSL) ------------------------------------- */

enum io_result { IO_DONE, IO_WANT_READ, IO_WANT_WRITE, IO_EOF, IO_ERROR };

/* false when this binary was built without TLS support */
bool tls_available(void);
bool tls_init(void);
void *tls_new(int fd);                  /* a client session on a connected socket */
void tls_free(void *session);
enum io_result tls_handshake(void *session);
/* like read/write: *count gets the bytes moved when the result is IO_DONE */
enum io_result tls_read(void *session, void *buf, size_t len, size_t *count);
enum io_result tls_write(void *session, const void *buf, size_t len, size_t *count);
const char *tls_last_error(void);

/* ---- connections (connection.c) -------------------------------------------------------- */

enum conn_state {
    CONN_WAITING,       /* not started yet */
    CONN_CONNECTING,    /* TCP connect in progress */
    CONN_TLS,           /* TLS handshake in progress */
    CONN_REQUEST,       /* sending the upgrade request */
    CONN_RESPONSE,      /* reading the upgrade response */
    CONN_OPEN,          /* WebSocket open */
    CONN_CLOSED         /* closed by us, or failed */
};

enum parse_state { PARSE_HEADER, PARSE_PAYLOAD };

struct connection {
    int fd;
    uint32_t id;
    enum conn_state state;
    void *tls;
    uint32_t interest;              /* the epoll events registered */

    /* opening handshake: the request going out, then the response coming in */
    char *http;
    size_t http_len, http_done;
    char accept[29];

    /* output: frames not yet taken by the socket, [out_start, out_end) of out */
    uint8_t *out;
    size_t out_cap, out_start, out_end;

    /* the echo window: messages [next_recv, next_send) are in flight */
    uint32_t next_send, next_recv;
    uint64_t *sent_at;              /* send time of message s at sent_at[s % in_flight] */

    /* input: frame parser */
    enum parse_state parse;
    uint8_t header[14];
    uint8_t header_have, header_need;
    uint8_t opcode;
    bool fin;
    uint64_t payload_left;
    bool in_message;
    uint64_t message_offset;        /* bytes of the current message checked so far */
    uint8_t expected_prefix[16];    /* the first 16 bytes of the message expected next */
    uint8_t control[125];
    uint8_t control_len;
};

/* what the run loop and the connections share */
struct run {
    const struct options *options;
    int epoll;
    struct connection *connections;
    uint8_t *pattern;               /* filler: message byte i of sequence s is pattern[s % 251 + i] */
    size_t pattern_len;
    uint8_t *read_buffer;
    size_t read_buffer_len;

    /* connecting */
    int next_to_start;
    int connecting;                 /* attempts in progress */
    int open;                       /* connections open now */
    int opened;                     /* connections that ever opened */
    uint64_t failed_connects;
    uint64_t first_connect_ns, last_open_ns;

    /* traffic */
    bool sending;                   /* start new messages after each echo */
    uint64_t measure_from_ns, measure_until_ns;
    uint64_t measured_echoes;
    uint64_t all_echoes;
    uint64_t in_flight_total;       /* messages sent and not yet echoed, all connections */
    struct histogram latency;

    /* errors, by kind */
    uint64_t mismatches, protocol_errors, unexpected_closes, io_errors, lost;
    int error_lines_printed;
};

void connection_start(struct run *r, struct connection *c);
void connection_event(struct run *r, struct connection *c, uint32_t events);
/* sends the window's first messages on an open connection */
void connection_begin_echo(struct run *r, struct connection *c);
/* sends a close frame (best effort) and closes the socket */
void connection_close(struct run *r, struct connection *c);

/* prints an error about a connection (the first few only) */
void report_error(struct run *r, const struct connection *c, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* the random source for masking keys: xoshiro-style generator seeded from getrandom(2) */
uint32_t random_u32(void);
void random_bytes(void *buf, size_t len);

#endif
