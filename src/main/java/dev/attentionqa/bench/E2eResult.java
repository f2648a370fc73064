package dev.attentionqa.bench;

import java.util.List;

/**
 * What {@code bench e2e} measured: engine-only and end-to-end throughput on the same mix, and latency at fractions
 * of the sustained rate, against the median time of one full micro-batch answered engine-only.
 */
public record E2eResult(int requests, int longEvery, int maxRequests, double engineOnlyPerSecond,
                        double microBatchMedianMs, double sustainedPerSecond, double sustainedOverEngine,
                        List<Load> loads) {

    /** Latency of requests offered at {@code fraction} of the sustained rate. */
    public record Load(double fraction, double offeredPerSecond, LatencyStats latencyMs, double p99OverMicroBatch) {
    }
}
