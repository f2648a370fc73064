package dev.attentionqa.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lanes split the sequence positions into independent op chains for speed; they must not change a single output.
 * One lane is the plain encoder; 3 or more lanes split the positions unevenly;
 * 16 lanes on a 3-token input leave most lanes empty.
 */
class EncoderLanesTest {

    private static final Set<EncoderOutput.Kind> EVERYTHING = EnumSet.of(EncoderOutput.Kind.HIDDEN,
            EncoderOutput.Kind.MEAN_ATTENTION, EncoderOutput.Kind.ALL_ATTENTION, EncoderOutput.Kind.ROLLOUT);
    /**
     * Lanes change only how many rows each matmul sees; a kernel may then sum in another order (oneDNN's did:
     * 1.4e-5 on hidden states), so the bound is float noise, well under the 1e-4 held against ONNX Runtime.
     */
    private static final double TOLERANCE = 5e-5;

    private static Encoder oneLane;

    @BeforeAll
    static void create() {
        oneLane = Encoder.create(MiniLmFixture.model(), new EngineOptions(1, 2, 1));
    }

    @AfterAll
    static void close() {
        oneLane.close();
    }

    @Test
    void unevenLanesGiveTheOneLaneOutputsOnAPaddedBatch() {
        EncoderInput input = MiniLmFixture.batch(MiniLmFixture.SENTENCES);
        int lanes = 3;
        while (input.seqLength() % lanes == 0) {
            lanes++; // the split must be uneven to test it
        }
        assertSameOutputs(input, lanes);
    }

    @Test
    void emptyLanesAreHarmless() {
        EncoderInput input = MiniLmFixture.batch("Hi", "");
        assertThat(input.seqLength()).isLessThan(EngineOptions.MAX_LANES);
        assertSameOutputs(input, EngineOptions.MAX_LANES);
    }

    @Test
    void rejectsLaneCountsOutsideTheRange() {
        assertThatThrownBy(() -> new EngineOptions(1, 2, 0)).hasMessageContaining("lanes must be 1…16 (got 0)");
        assertThatThrownBy(() -> new EngineOptions(1, 2, 17)).hasMessageContaining("(got 17)");
    }

    private static void assertSameOutputs(EncoderInput input, int lanes) {
        EncoderOutput expected = oneLane.run(input, EVERYTHING);
        try (Encoder split = Encoder.create(MiniLmFixture.model(), new EngineOptions(1, 2, lanes))) {
            EncoderOutput actual = split.run(input, EVERYTHING);
            for (EncoderOutput.Kind kind : EVERYTHING) {
                ArrayTensor a = actual.get(kind);
                ArrayTensor e = expected.get(kind);
                assertThat(a.shape()).as(kind.name()).containsExactly(e.shape());
                assertThat(maxAbsDiff(a.data(), e.data())).as(kind + " with " + lanes + " lanes").isLessThan(TOLERANCE);
            }
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
