package dev.attentionqa.explain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenAttentionTest {

    private static final float[][] ATTENTION = {
        {0.5f, 0.25f, 0.25f},
        {0.1f, 0.1f, 0.8f},
        {0.3f, 0.6f, 0.1f}};

    @Test
    void averagesTheChosenRowsOverTheChosenColumns() {
        double[] w = TokenAttention.received(ATTENTION, 1, 3, 1, 3);
        assertThat(w[0]).isCloseTo((0.1 + 0.6) / 2, within(1e-6));
        assertThat(w[1]).isCloseTo((0.8 + 0.1) / 2, within(1e-6));
    }

    @Test
    void rejectsEmptyRanges() {
        assertThatThrownBy(() -> TokenAttention.received(ATTENTION, 2, 2, 0, 1)).hasMessageContaining("rows [2, 2)");
    }
}
