/*
 * Latency histogram with log-linear buckets (the idea of HdrHistogram, written for this tool).
 *
 * Values v < 2048 have a bucket each. Above, v has its highest set bit at position m >= 11;
 * keeping its top 11 bits, v >> (m - 10) lies in [1024, 2047], and the bucket is
 * (m - 10) * 1024 + (v >> (m - 10)): the buckets of each power of two follow those of the one
 * below without a gap, and each is 2^(m - 10) wide, under 0.1 % of the values it holds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wsload.h"

#define SUB_BUCKETS 2048u
#define HALF (SUB_BUCKETS / 2u)
#define MAX_VALUE ((uint64_t) 1 << 40) /* about 18 minutes in nanoseconds */

static size_t bucket_of(uint64_t v)
{
    if (v < SUB_BUCKETS) {
        return (size_t) v;
    }
    unsigned top = 63u - (unsigned) __builtin_clzll(v);
    unsigned shift = top - 10u;
    return (size_t) shift * HALF + (size_t) (v >> shift);
}

/* the highest value that falls into bucket b */
static uint64_t highest_in(size_t b)
{
    if (b < SUB_BUCKETS) {
        return b;
    }
    unsigned shift = (unsigned) (b / HALF) - 1u;
    uint64_t low = (uint64_t) (b - (size_t) shift * HALF) << shift;
    return low + ((uint64_t) 1 << shift) - 1u;
}

void histogram_init(struct histogram *h)
{
    h->buckets = bucket_of(MAX_VALUE) + 1;
    h->counts = calloc(h->buckets, sizeof *h->counts);
    if (h->counts == NULL) {
        perror("histogram");
        exit(2);
    }
    h->total = 0;
    h->min = UINT64_MAX;
    h->max = 0;
    h->sum = 0;
}

void histogram_free(struct histogram *h)
{
    free(h->counts);
    h->counts = NULL;
}

void histogram_record(struct histogram *h, uint64_t value)
{
    if (value > MAX_VALUE) {
        value = MAX_VALUE;
    }
    h->counts[bucket_of(value)]++;
    h->total++;
    h->sum += (double) value;
    if (value < h->min) {
        h->min = value;
    }
    if (value > h->max) {
        h->max = value;
    }
}

uint64_t histogram_percentile(const struct histogram *h, double percentile)
{
    if (h->total == 0) {
        return 0;
    }
    /* the rank of the value at this percentile, 1-based, at least 1 */
    uint64_t rank = (uint64_t) ((percentile / 100.0) * (double) h->total + 0.5);
    if (rank < 1) {
        rank = 1;
    }
    if (rank > h->total) {
        rank = h->total;
    }
    uint64_t seen = 0;
    for (size_t b = 0; b < h->buckets; b++) {
        seen += h->counts[b];
        if (seen >= rank) {
            uint64_t value = highest_in(b);
            return value < h->max ? value : h->max;
        }
    }
    return h->max;
}
