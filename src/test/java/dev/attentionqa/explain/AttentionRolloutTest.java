package dev.attentionqa.explain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AttentionRolloutTest {

    @Test
    void rowsOfTheRolloutSumToOne() {
        float[][] r = AttentionRollout.rollout(randomAttention(6, 9, 1));
        for (float[] row : r) {
            double sum = 0;
            for (float x : row) {
                sum += x;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void identityAttentionGivesIdentity() {
        float[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[][] r = AttentionRollout.rollout(new float[][][] {eye, eye, eye});
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(r[i][j]).as("R[%d][%d]", i, j).isCloseTo(i == j ? 1f : 0f, within(1e-7f));
            }
        }
    }

    @Test
    void twoLayerExampleMatchesAHandComputation() {
        // layer 1 (rows renormalised: [2, 0] → [1, 0]): A1 = 0.5·W1 + 0.5·I = [[1, 0], [0.25, 0.75]]
        float[][] w1 = {{2, 0}, {1, 1}};
        // layer 2: A2 = [[0.5, 0.5], [0.5, 0.5]]
        float[][] w2 = {{0, 1}, {1, 0}};
        // R = A2 · A1 = [[0.5 + 0.125, 0.375], [0.625, 0.375]]
        float[][] r = AttentionRollout.rollout(new float[][][] {w1, w2});
        assertThat(r[0]).containsExactly(new float[] {0.625f, 0.375f}, within(1e-7f));
        assertThat(r[1]).containsExactly(new float[] {0.625f, 0.375f}, within(1e-7f));
    }

    @Test
    void rowsMatchTheFullMatrix() {
        float[][][] attention = randomAttention(4, 12, 7);
        float[][] full = AttentionRollout.rollout(attention);
        float[][] rows = AttentionRollout.rows(attention, 3, 8);
        for (int i = 3; i < 8; i++) {
            assertThat(rows[i - 3]).containsExactly(full[i], within(1e-6f));
        }
    }

    @Test
    void rejectsAnEmptyRowRange() {
        assertThatThrownBy(() -> AttentionRollout.rows(randomAttention(1, 3, 1), 2, 2)).hasMessageContaining("(got [2, 2))");
    }

    /** Softmax rows of random scores: [layers][seq][seq]. */
    static float[][][] randomAttention(int layers, int seq, long seed) {
        Random random = new Random(seed);
        float[][][] a = new float[layers][seq][seq];
        for (float[][] layer : a) {
            for (float[] row : layer) {
                double sum = 0;
                for (int j = 0; j < seq; j++) {
                    row[j] = (float) Math.exp(3 * random.nextGaussian());
                    sum += row[j];
                }
                for (int j = 0; j < seq; j++) {
                    row[j] /= (float) sum;
                }
            }
        }
        return a;
    }
}
