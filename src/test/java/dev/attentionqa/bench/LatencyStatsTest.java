package dev.attentionqa.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Nearest-rank percentiles and the sustained rate read from answer times. */
class LatencyStatsTest {

    @Test
    void nearestRankPercentiles() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i; // 1 … 100, unsorted
        }
        LatencyStats s = LatencyStats.of(ms);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(LatencyStats.of(new long[] {7}).p99()).isEqualTo(7);
    }

    @Test
    void sustainedRateSkipsTheFirstAndLastTenth() {
        // 10 answers: a slow start (first at 0 s), then one every 100 ms from 5 s, and a straggler at 60 s.
        Map<String, Long> times = new java.util.HashMap<>();
        times.put("a0", 0L);
        for (int i = 1; i < 9; i++) {
            times.put("a" + i, 5_000L + 100L * (i - 1));
        }
        times.put("a9", 60_000L);
        assertThat(E2eBenchmark.sustainedRate(times)).isCloseTo(7 / 0.7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sustainedRateDoesNotCreditABurstAtTheLowerBound() {
        // 5 micro-batches of 4 answers, one every second: the true rate is 4 answers/s.
        Map<String, Long> times = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            times.put("a" + i, 1_000L * (i / 4));
        }
        assertThat(E2eBenchmark.sustainedRate(times)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
