/*
 * wsload's command line, its run phases and its report. See usage() and benchmarks/README.md.
 *
 * Echo mode: connect every connection (at most --connect-concurrency attempts at once), then
 * start the traffic on all of them at once; echoes that arrive during --warmup are checked but
 * not counted, those that arrive during --duration are counted and timed; then no new message
 * is sent, and messages still unanswered after --drain count as lost.
 * Idle mode: read the server's memory, connect, wait --settle, read it again, hold --hold,
 * close. Every phase has a deadline, and a watchdog (SIGALRM) ends the process if the whole
 * run overruns by five minutes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <unistd.h>

#include "wsload.h"

#define PATTERN_ROTATIONS 251u
#define MAX_ERROR_LINES 10

static void usage(FILE *out)
{
    fputs("usage: wsload [options]\n"
          "  --mode echo|idle          echo traffic (default) or idle connections held\n"
          "  --url URL                 ws:// or wss:// on a loopback address (default ws://127.0.0.1:9000/)\n"
          "  --connections N           connections to open (default 100)\n"
          "  --size BYTES              message payload, at least 16 (default 64)\n"
          "  --in-flight N             messages in flight per connection (default 1)\n"
          "  --type binary|text        message type (default binary)\n"
          "  --warmup D                echo: time before measuring, e.g. 5s (default 5s)\n"
          "  --duration D              echo: measured time (default 10s)\n"
          "  --drain D                 echo: wait for the last echoes (default 2s)\n"
          "  --settle D                idle: wait before reading the server's memory (default 5s)\n"
          "  --hold D                  idle: keep the connections this long afterwards (default 0s)\n"
          "  --connect-timeout D       all connections open within this (default 60s)\n"
          "  --connect-concurrency N   connection attempts in progress at once (default 256)\n"
          "  --sources N|auto          connect from 127.0.0.2 .. 127.0.0.(N+1); auto: one per 10,000\n"
          "                            connections above 10,000, none up to it (default auto)\n"
          "  --server-pid PID          the server process: CPU time, resident memory, live heap\n"
          "  --heap-histogram on|off   idle: live heap of a Java server via jcmd (default on)\n"
          "Durations: 500ms, 5s, 2m, or seconds. Exit status: 0 no errors, 1 errors, 2 bad options,\n"
          "3 watchdog.\n",
          out);
}

__attribute__((noreturn, format(printf, 1, 2)))
static void bad_option(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("wsload: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    usage(stderr);
    exit(2);
}

static double parse_duration(const char *option, const char *text)
{
    char *end;
    double value = strtod(text, &end);
    double scale = 1;
    if (strcmp(end, "ms") == 0) {
        scale = 0.001;
    } else if (strcmp(end, "m") == 0) {
        scale = 60;
    } else if (strcmp(end, "s") != 0 && *end != '\0') {
        bad_option("%s: not a duration: %s", option, text);
    }
    if (end == text || value < 0) {
        bad_option("%s: not a duration: %s", option, text);
    }
    return value * scale;
}

static long parse_number(const char *option, const char *text, long min, long max)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        bad_option("%s: expected a number from %ld to %ld, got %s", option, min, max, text);
    }
    return value;
}

/* ws[s]://HOST[:PORT][/PATH] with HOST a 127.x.y.z address or localhost */
static void parse_url(struct options *o, const char *url)
{
    snprintf(o->url, sizeof o->url, "%s", url);
    const char *rest;
    if (strncmp(url, "ws://", 5) == 0) {
        o->tls = false;
        rest = url + 5;
    } else if (strncmp(url, "wss://", 6) == 0) {
        o->tls = true;
        rest = url + 6;
    } else {
        bad_option("--url: ws:// or wss:// expected: %s", url);
    }
    const char *slash = strchr(rest, '/');
    const char *authority_end = slash != NULL ? slash : rest + strlen(rest);
    snprintf(o->path, sizeof o->path, "%s", slash != NULL ? slash : "/");
    const char *colon = memchr(rest, ':', (size_t) (authority_end - rest));
    const char *host_end = colon != NULL ? colon : authority_end;
    if (host_end - rest <= 0 || (size_t) (host_end - rest) >= sizeof o->host) {
        bad_option("--url: no host in %s", url);
    }
    memcpy(o->host, rest, (size_t) (host_end - rest));
    o->host[host_end - rest] = '\0';
    o->port = o->tls ? 443 : 80;
    if (colon != NULL) {
        char port[8] = "";
        size_t len = (size_t) (authority_end - colon - 1);
        if (len == 0 || len >= sizeof port) {
            bad_option("--url: bad port in %s", url);
        }
        memcpy(port, colon + 1, len);
        o->port = (uint16_t) parse_number("--url port", port, 1, 65535);
    }
    const char *address = strcmp(o->host, "localhost") == 0 ? "127.0.0.1" : o->host;
    if (inet_pton(AF_INET, address, &o->address) != 1 || (ntohl(o->address.s_addr) >> 24) != 127) {
        bad_option("--url: %s is not an IPv4 loopback address: benchmarks stay on loopback", o->host);
    }
}

static void parse_options(struct options *o, int argc, char **argv)
{
    *o = (struct options) {
        .mode = MODE_ECHO, .connections = 100, .size = 64, .in_flight = 1, .type = TYPE_BINARY,
        .warmup_s = 5, .duration_s = 10, .drain_s = 2, .settle_s = 5, .hold_s = 0,
        .connect_timeout_s = 60, .sources = -1, .connect_concurrency = 256, .heap_histogram = true,
    };
    parse_url(o, "ws://127.0.0.1:9000/");
    for (int i = 1; i < argc; i++) {
        const char *name = argv[i];
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
            usage(stdout);
            exit(0);
        }
        if (i + 1 >= argc) {
            bad_option("%s needs a value", name);
        }
        const char *value = argv[++i];
        if (strcmp(name, "--mode") == 0) {
            if (strcmp(value, "echo") == 0) {
                o->mode = MODE_ECHO;
            } else if (strcmp(value, "idle") == 0) {
                o->mode = MODE_IDLE;
            } else {
                bad_option("--mode: echo or idle, not %s", value);
            }
        } else if (strcmp(name, "--url") == 0) {
            parse_url(o, value);
        } else if (strcmp(name, "--connections") == 0) {
            o->connections = (int) parse_number(name, value, 1, 1000000);
        } else if (strcmp(name, "--size") == 0) {
            o->size = (size_t) parse_number(name, value, 16, 64L << 20);
        } else if (strcmp(name, "--in-flight") == 0) {
            o->in_flight = (int) parse_number(name, value, 1, 4096);
        } else if (strcmp(name, "--type") == 0) {
            if (strcmp(value, "binary") == 0) {
                o->type = TYPE_BINARY;
            } else if (strcmp(value, "text") == 0) {
                o->type = TYPE_TEXT;
            } else {
                bad_option("--type: binary or text, not %s", value);
            }
        } else if (strcmp(name, "--warmup") == 0) {
            o->warmup_s = parse_duration(name, value);
        } else if (strcmp(name, "--duration") == 0) {
            o->duration_s = parse_duration(name, value);
        } else if (strcmp(name, "--drain") == 0) {
            o->drain_s = parse_duration(name, value);
        } else if (strcmp(name, "--settle") == 0) {
            o->settle_s = parse_duration(name, value);
        } else if (strcmp(name, "--hold") == 0) {
            o->hold_s = parse_duration(name, value);
        } else if (strcmp(name, "--connect-timeout") == 0) {
            o->connect_timeout_s = parse_duration(name, value);
        } else if (strcmp(name, "--connect-concurrency") == 0) {
            o->connect_concurrency = (int) parse_number(name, value, 1, 1000000);
        } else if (strcmp(name, "--sources") == 0) {
            o->sources = strcmp(value, "auto") == 0 ? -1 : (int) parse_number(name, value, 0, 250);
        } else if (strcmp(name, "--server-pid") == 0) {
            o->server_pid = parse_number(name, value, 1, 1L << 30);
        } else if (strcmp(name, "--heap-histogram") == 0) {
            o->heap_histogram = strcmp(value, "off") != 0;
        } else {
            bad_option("unknown option %s", name);
        }
    }
    if (o->sources < 0) {
        /* from one source address, the kernel's search for a free port slows connecting down
         * long before the ~28,000 ports run out (19,000 to Bun: 6.6 s, against 0.7 s from two) */
        o->sources = o->connections > 10000 ? (o->connections + 9999) / 10000 : 0;
    }
    if (o->duration_s <= 0 && o->mode == MODE_ECHO) {
        bad_option("--duration must be more than 0");
    }
}

/* ---- randomness: splitmix64 seeded from the kernel ------------------------------------------ */

static uint64_t random_state;

void random_bytes(void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("getrandom");
            exit(2);
        }
        p += n;
        len -= (size_t) n;
    }
}

/* masking keys need only be unpredictable to the server's cache (RFC 6455 10.3), not secret */
uint32_t random_u32(void)
{
    uint64_t z = (random_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t) ((z ^ (z >> 31)) >> 32);
}

/* ---- reporting ---------------------------------------------------------------------------- */

void report_error(struct run *r, const struct connection *c, const char *format, ...)
{
    if (r->error_lines_printed >= MAX_ERROR_LINES) {
        if (r->error_lines_printed++ == MAX_ERROR_LINES) {
            fputs("wsload: more errors follow; only their counts are reported\n", stderr);
        }
        return;
    }
    r->error_lines_printed++;
    va_list args;
    va_start(args, format);
    fprintf(stderr, "wsload: connection %u: ", c->id);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

static uint64_t total_errors(const struct run *r)
{
    return r->mismatches + r->protocol_errors + r->unexpected_closes + r->io_errors + r->lost + r->failed_connects;
}

static void print_errors(const struct run *r)
{
    printf("  errors       %llu (mismatched echoes %llu, protocol errors %llu, unexpected closes %llu, "
           "I/O errors %llu, echoes lost %llu, failed connects %llu)\n",
           (unsigned long long) total_errors(r), (unsigned long long) r->mismatches,
           (unsigned long long) r->protocol_errors, (unsigned long long) r->unexpected_closes,
           (unsigned long long) r->io_errors, (unsigned long long) r->lost,
           (unsigned long long) r->failed_connects);
}

static double micros(uint64_t ns)
{
    return (double) ns / 1e3;
}

/* ---- the run ------------------------------------------------------------------------------ */

static void watchdog(int signal)
{
    (void) signal;
    static const char message[] = "wsload: the run overran its deadline by five minutes; stopping\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void) ignored;
    _exit(3);
}

/* starts connection attempts while fewer than --connect-concurrency are in progress */
static void start_more(struct run *r)
{
    while (r->connecting < r->options->connect_concurrency && r->next_to_start < r->options->connections) {
        connection_start(r, &r->connections[r->next_to_start++]);
    }
}

/* waits up to timeout_ms for events and handles them */
static void pump(struct run *r, int timeout_ms)
{
    struct epoll_event events[1024];
    int n = epoll_wait(r->epoll, events, 1024, timeout_ms);
    for (int i = 0; i < n; i++) {
        connection_event(r, events[i].data.ptr, events[i].events);
    }
    start_more(r);
}

static void connect_all(struct run *r)
{
    const struct options *o = r->options;
    uint64_t deadline = now_ns() + (uint64_t) (o->connect_timeout_s * 1e9);
    start_more(r);
    while (r->opened + (int) r->failed_connects < o->connections && now_ns() < deadline) {
        pump(r, 10);
    }
    for (int i = 0; i < o->connections; i++) {
        struct connection *c = &r->connections[i];
        if (c->state != CONN_OPEN && c->state != CONN_CLOSED) {
            report_error(r, c, "not open after %.0f s", o->connect_timeout_s);
            r->failed_connects++;
            connection_close(r, c);
        }
    }
    double seconds = r->opened > 0 ? (double) (r->last_open_ns - r->first_connect_ns) / 1e9 : 0;
    printf("connected %d of %d in %.3f s (%.0f connections/s) from %s%s\n", r->opened, o->connections,
           seconds, seconds > 0 ? r->opened / seconds : 0.0,
           o->sources > 0 ? "several source addresses" : "the default source address",
           r->failed_connects > 0 ? "; some failed (see above)" : "");
    fflush(stdout);
}

static void close_all(struct run *r)
{
    for (int i = 0; i < r->options->connections; i++) {
        connection_close(r, &r->connections[i]);
    }
}

static void run_echo(struct run *r)
{
    const struct options *o = r->options;
    long pid = o->server_pid;
    uint64_t start = now_ns();
    r->measure_from_ns = start + (uint64_t) (o->warmup_s * 1e9);
    r->measure_until_ns = r->measure_from_ns + (uint64_t) (o->duration_s * 1e9);
    long long rss_start = pid > 0 ? probe_rss_bytes(pid) : -1, rss_max = rss_start, rss_end = -1;
    r->sending = true;
    for (int i = 0; i < o->connections; i++) {
        connection_begin_echo(r, &r->connections[i]);
    }
    while (now_ns() < r->measure_from_ns) {
        pump(r, 5);
    }
    uint64_t measured_from = now_ns();
    long long server_cpu_from = pid > 0 ? probe_cpu_ns(pid) : -1;
    long long client_cpu_from = probe_self_cpu_ns();
    long long client_system_from = probe_self_system_ns();
    uint64_t next_sample = measured_from;
    uint64_t now;
    while ((now = now_ns()) < r->measure_until_ns) {
        if (pid > 0 && now >= next_sample) {
            long long rss = probe_rss_bytes(pid);
            if (rss > rss_max) {
                rss_max = rss;
            }
            next_sample = now + 250000000u;
        }
        pump(r, 5);
    }
    uint64_t measured_until = now_ns();
    long long server_cpu = pid > 0 ? probe_cpu_ns(pid) - server_cpu_from : -1;
    long long client_cpu = probe_self_cpu_ns() - client_cpu_from;
    long long client_system = probe_self_system_ns() - client_system_from;
    if (pid > 0) {
        rss_end = probe_rss_bytes(pid);
        if (rss_end > rss_max) {
            rss_max = rss_end;
        }
    }
    r->sending = false;
    uint64_t drain_until = measured_until + (uint64_t) (o->drain_s * 1e9);
    while (r->in_flight_total > 0 && now_ns() < drain_until) {
        pump(r, 5);
    }
    r->lost = r->in_flight_total;
    if (r->lost > 0) {
        fprintf(stderr, "wsload: %llu messages not echoed within %.1f s of the end\n",
                (unsigned long long) r->lost, o->drain_s);
    }
    close_all(r);

    double seconds = o->duration_s;
    double elapsed = (double) (measured_until - measured_from) / 1e9;
    double per_second = (double) r->measured_echoes / seconds;
    double mb_per_second = per_second * (double) o->size / 1e6;
    const struct histogram *h = &r->latency;
    const char *type = o->type == TYPE_TEXT ? "text" : "binary";
    printf("echo %s: %d connections x %d in flight, %zu B %s, %.1f s measured after %.1f s warm-up\n", o->url,
           r->opened, o->in_flight, o->size, type, seconds, o->warmup_s);
    printf("  throughput   %.0f messages/s echoed, %.2f MB/s of payload each way\n", per_second, mb_per_second);
    printf("  latency      p50 %.0f µs  p90 %.0f µs  p99 %.0f µs  p99.9 %.0f µs  max %.0f µs  mean %.0f µs "
           "(send to verified echo, %llu samples)\n",
           micros(histogram_percentile(h, 50)), micros(histogram_percentile(h, 90)),
           micros(histogram_percentile(h, 99)), micros(histogram_percentile(h, 99.9)), micros(h->max),
           h->total > 0 ? micros((uint64_t) (h->sum / (double) h->total)) : 0.0, (unsigned long long) h->total);
    print_errors(r);
    printf("  client CPU   %.2f s = %.0f%% of one core (this tool: one thread), %.0f%% of it in the kernel; "
           "%.2f µs per echoed message\n",
           client_cpu / 1e9, 100.0 * client_cpu / 1e9 / elapsed, client_cpu > 0 ? 100.0 * client_system / client_cpu : 0.0,
           r->measured_echoes > 0 ? client_cpu / 1e3 / (double) r->measured_echoes : 0.0);
    char server_cpu_pct[32] = "n/a";
    if (server_cpu >= 0) {
        snprintf(server_cpu_pct, sizeof server_cpu_pct, "%.0f", 100.0 * server_cpu / 1e9 / elapsed);
        printf("  server CPU   %.2f s = %s%% of one core; %.2f µs per echoed message\n", server_cpu / 1e9,
               server_cpu_pct, r->measured_echoes > 0 ? server_cpu / 1e3 / (double) r->measured_echoes : 0.0);
        printf("  server RSS   %.1f MB before the traffic, %.1f MB at most while measured, %.1f MB at the end\n",
               rss_start / 1e6, rss_max / 1e6, rss_end / 1e6);
    }
    printf("RESULT tool=wsload mode=echo url=%s connections=%d in_flight=%d size=%zu type=%s compression=off "
           "seconds=%.1f messages=%llu msgs_per_s=%.0f mb_per_s=%.2f p50_us=%.1f p90_us=%.1f p99_us=%.1f "
           "p999_us=%.1f max_us=%.1f errors=%llu client_cpu_pct=%.0f server_cpu_pct=%s "
           "server_rss_start=%lld server_rss_max=%lld server_rss_end=%lld\n",
           o->url, r->opened, o->in_flight, o->size, type, seconds, (unsigned long long) r->measured_echoes,
           per_second, mb_per_second, micros(histogram_percentile(h, 50)), micros(histogram_percentile(h, 90)),
           micros(histogram_percentile(h, 99)), micros(histogram_percentile(h, 99.9)), micros(h->max),
           (unsigned long long) total_errors(r), 100.0 * client_cpu / 1e9 / elapsed, server_cpu_pct, rss_start,
           rss_max, rss_end);
}

/* waits, handling events (pings, closes), until the time is up */
static void wait_for(struct run *r, double seconds)
{
    uint64_t until = now_ns() + (uint64_t) (seconds * 1e9);
    while (now_ns() < until) {
        pump(r, 50);
    }
}

static void run_idle(struct run *r, long long rss_before, long long heap_before)
{
    const struct options *o = r->options;
    long pid = o->server_pid;
    double accept_seconds = r->opened > 0 ? (double) (r->last_open_ns - r->first_connect_ns) / 1e9 : 0;
    wait_for(r, o->settle_s);
    long long heap_after = heap_before >= 0 ? probe_live_heap_bytes(pid) : -1;
    long long rss_after = pid > 0 ? probe_rss_bytes(pid) : -1;
    int held = r->open;
    double per = held > 0 ? (double) held : 1.0;
    printf("idle %s: %d connections held of %d opened, all open %.3f s after the first connect\n", o->url, held,
           r->opened, accept_seconds);
    char rss_per[32] = "n/a", heap_per[32] = "n/a";
    if (rss_before >= 0 && rss_after >= 0) {
        snprintf(rss_per, sizeof rss_per, "%.0f", (double) (rss_after - rss_before) / per);
        printf("  resident     %lld -> %lld bytes: %s bytes per connection\n", rss_before, rss_after, rss_per);
    }
    if (heap_before >= 0 && heap_after >= 0) {
        snprintf(heap_per, sizeof heap_per, "%.0f", (double) (heap_after - heap_before) / per);
        printf("  live heap    %lld -> %lld bytes: %s bytes per connection (jcmd GC.class_histogram, after a "
               "full collection)\n",
               heap_before, heap_after, heap_per);
    }
    fflush(stdout);
    wait_for(r, o->hold_s);
    close_all(r);
    print_errors(r);
    printf("RESULT tool=wsload mode=idle url=%s connections=%d requested=%d accept_s=%.3f rss_before=%lld "
           "rss_after=%lld rss_per_connection=%s heap_before=%lld heap_after=%lld heap_per_connection=%s "
           "errors=%llu\n",
           o->url, held, o->connections, accept_seconds, rss_before, rss_after, rss_per, heap_before, heap_after,
           heap_per, (unsigned long long) total_errors(r));
}

/* lets this process hold the sockets it needs, up to the hard limit */
static void raise_file_limit(int connections)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return;
    }
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    if ((rlim_t) connections + 32 > limit.rlim_cur) {
        fprintf(stderr, "wsload: %d connections need more file descriptors than the limit of %llu (ulimit -n)\n",
                connections, (unsigned long long) limit.rlim_cur);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(&o, argc, argv);
    raise_file_limit(o.connections);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, watchdog);
    double planned = o.connect_timeout_s + (o.mode == MODE_ECHO ? o.warmup_s + o.duration_s + o.drain_s
                                                                 : o.settle_s + o.hold_s + 240);
    alarm((unsigned) planned + 300);
    random_bytes(&random_state, sizeof random_state);
    if (o.tls && !(tls_available() && tls_init())) {
        fprintf(stderr, "wsload: %s needs TLS, and this build has none (build.sh adds it when OpenSSL's headers "
                        "are installed: libssl-dev)\n", o.url);
        return 2;
    }

    struct run r = { .options = &o };
    r.epoll = epoll_create1(EPOLL_CLOEXEC);
    r.connections = calloc((size_t) o.connections, sizeof *r.connections);
    r.pattern_len = o.size + PATTERN_ROTATIONS;
    r.pattern = malloc(r.pattern_len);
    r.read_buffer_len = 256 * 1024;
    r.read_buffer = malloc(r.read_buffer_len);
    if (r.epoll < 0 || r.connections == NULL || r.pattern == NULL || r.read_buffer == NULL) {
        perror("wsload");
        return 2;
    }
    /* the filler: random bytes, or printable ASCII for text (valid UTF-8 in any slice) */
    random_bytes(r.pattern, r.pattern_len);
    if (o.type == TYPE_TEXT) {
        for (size_t i = 0; i < r.pattern_len; i++) {
            r.pattern[i] = (uint8_t) (' ' + r.pattern[i] % 95);
        }
    }
    for (int i = 0; i < o.connections; i++) {
        r.connections[i].id = (uint32_t) i;
        r.connections[i].fd = -1;
    }
    histogram_init(&r.latency);

    long long rss_before = -1, heap_before = -1;
    if (o.mode == MODE_IDLE && o.server_pid > 0) {
        if (o.heap_histogram && probe_is_java(o.server_pid)) {
            heap_before = probe_live_heap_bytes(o.server_pid); /* a full collection first */
        }
        rss_before = probe_rss_bytes(o.server_pid);
    }
    connect_all(&r);
    if (o.mode == MODE_ECHO) {
        run_echo(&r);
    } else {
        run_idle(&r, rss_before, heap_before);
    }
    histogram_free(&r.latency);
    return total_errors(&r) == 0 ? 0 : 1;
}
