/*
 * The server process seen from outside, through /proc (Linux) and, for a JVM, jcmd: resident
 * memory, CPU time and live heap. Also this process's own CPU time.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wsload.h"

uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

long long probe_rss_bytes(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    char line[256];
    long long kb = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtoll(line + 6, NULL, 10);
            break;
        }
    }
    fclose(f);
    return kb < 0 ? -1 : kb * 1024;
}

long long probe_cpu_ns(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    char stat[1024];
    size_t n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = '\0';
    /* field 2, the command, is in parentheses and may hold spaces: count from the last ')' */
    char *p = strrchr(stat, ')');
    if (p == NULL) {
        return -1;
    }
    p += 2; /* field 3, the state */
    unsigned long long utime = 0, stime = 0;
    /* fields 3..13 skipped, then 14 utime and 15 stime, in clock ticks */
    if (sscanf(p, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
        return -1;
    }
    long ticks = sysconf(_SC_CLK_TCK);
    return (long long) ((utime + stime) * (1000000000ull / (unsigned long long) ticks));
}

bool probe_is_java(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return false;
    }
    char comm[64] = "";
    bool java = fgets(comm, sizeof comm, f) != NULL && strcmp(comm, "java\n") == 0;
    fclose(f);
    return java;
}

long long probe_live_heap_bytes(long pid)
{
    /* GC.class_histogram runs a full collection, then lists the live objects and ends with
     * "Total <instances> <bytes>" */
    char command[96];
    snprintf(command, sizeof command, "jcmd %ld GC.class_histogram 2>&1", pid);
    FILE *p = popen(command, "r");
    if (p == NULL) {
        return -1;
    }
    char line[512];
    long long bytes = -1;
    while (fgets(line, sizeof line, p) != NULL) {
        long long instances, total;
        if (sscanf(line, " Total %lld %lld", &instances, &total) == 2) {
            bytes = total;
        }
    }
    int status = pclose(p);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return -1;
    }
    return bytes;
}

long long probe_self_system_ns(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (long long) u.ru_stime.tv_sec * 1000000000ll + (long long) u.ru_stime.tv_usec * 1000ll;
}

long long probe_self_cpu_ns(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return ((long long) u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000000ll
        + ((long long) u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1000ll;
}
