package dev.attentionqa.model;

import dev.attentionqa.explain.AttentionRollout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The graph's {@code rollout} output equals the Java reference on MiniLM's own attention, padding included. */
class GraphRolloutTest {

    private static Encoder encoder;

    @BeforeAll
    static void load() {
        encoder = Encoder.create(MiniLmFixture.model(), EngineOptions.defaults());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void graphRolloutEqualsJavaRolloutOnRealTokens() {
        EncoderInput in = MiniLmFixture.batch(MiniLmFixture.SENTENCES);
        EncoderOutput out = encoder.run(in, EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION, EncoderOutput.Kind.ROLLOUT));
        for (int b = 0; b < out.batchSize(); b++) {
            int real = realTokens(in.attentionMask()[b]);
            float[][] expected = AttentionRollout.rollout(realBlock(out.meanAttentionLayers(b), real));
            float[][] graph = out.rollout(b);
            for (int i = 0; i < real; i++) {
                for (int j = 0; j < real; j++) {
                    assertThat(graph[i][j]).as("sequence %d R[%d][%d]", b, i, j).isCloseTo(expected[i][j], within(1e-5f));
                }
            }
        }
    }

    @Test
    void fetchingRolloutAloneGivesRowsThatSumToOne() {
        EncoderOutput out = encoder.run(MiniLmFixture.batch(MiniLmFixture.SENTENCES[2]), EnumSet.of(EncoderOutput.Kind.ROLLOUT));
        for (float[] row : out.rollout(0)) {
            double sum = 0;
            for (float x : row) {
                sum += x;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    private static int realTokens(long[] mask) {
        int n = 0;
        for (long m : mask) {
            n += (int) m;
        }
        return n;
    }

    /** The [real, real] top-left block of every layer: padding keys get no attention from real queries. */
    private static float[][][] realBlock(float[][][] layers, int real) {
        float[][][] block = new float[layers.length][real][];
        for (int l = 0; l < layers.length; l++) {
            for (int i = 0; i < real; i++) {
                block[l][i] = java.util.Arrays.copyOf(layers[l][i], real);
            }
        }
        return block;
    }
}
