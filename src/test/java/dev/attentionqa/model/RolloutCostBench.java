package dev.attentionqa.model;

import dev.attentionqa.explain.AttentionRollout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Not a test (no *Test suffix, surefire skips it): measures what rollout costs per sequence in the graph and in
 * Java. Run with {@code ./mvnw -B -q test -Dtest=RolloutCostBench}.
 */
class RolloutCostBench {

    private static final int REPEATS = 10;

    @Test
    void measure() {
        try (Encoder encoder = Encoder.create(MiniLmFixture.model(), EngineOptions.defaults())) {
            for (int seq : new int[] {64, 128, 384}) {
                long[][] ids = new long[1][seq];
                Arrays.fill(ids[0], 2000);
                EncoderInput in = EncoderInput.unpadded(ids);
                double hidden = time(() -> encoder.run(in, EnumSet.of(EncoderOutput.Kind.HIDDEN)));
                double graph = time(() -> encoder.run(in, EnumSet.of(EncoderOutput.Kind.ROLLOUT)).rollout(0));
                Set<EncoderOutput.Kind> mean = EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION);
                double javaFull = time(() -> AttentionRollout.rollout(encoder.run(in, mean).meanAttentionLayers(0)));
                double javaRows = time(() -> AttentionRollout.rows(encoder.run(in, mean).meanAttentionLayers(0), 1, 11));
                System.out.printf("ROLLOUT-COST seq=%d encoder(hidden only)=%.1f ms graph rollout=%.1f ms"
                        + " java full=%.1f ms java 10 rows=%.1f ms%n", seq, hidden, graph, javaFull, javaRows);
            }
        }
    }

    private static double time(Runnable run) {
        run.run();
        run.run();
        long start = System.nanoTime();
        for (int i = 0; i < REPEATS; i++) {
            run.run();
        }
        return (System.nanoTime() - start) / 1e6 / REPEATS;
    }
}
