package dev.thaw.bench;

import java.util.Arrays;

/** Percentiles and mean of a set of latencies, in milliseconds. */
record LatencyStats(int count, double mean, double p50, double p90, double p99, double max) {

    static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double meanNanos = Arrays.stream(sorted).average().orElseThrow();
        return new LatencyStats(sorted.length, meanNanos / 1_000_000.0, percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), millis(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the samples at or below it. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return millis(sorted[Math.max(rank, 1) - 1]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
