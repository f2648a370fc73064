package dev.attentionqa.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latencies in milliseconds. */
public record LatencyStats(int count, double p50, double p95, double p99, double max) {

    public static LatencyStats of(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code p} of the values at or below it. */
    static double rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
