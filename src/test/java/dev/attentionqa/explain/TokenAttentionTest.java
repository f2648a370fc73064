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

    @Test
    void averagesTheColumnsOfAnOffsetRangeOverItsRows() {
        float[][] attention = {{0.1f, 0.2f, 0.3f, 0.4f}, {0.4f, 0.3f, 0.2f, 0.1f}, {0f, 0f, 1f, 0f}};
        double[] w = TokenAttention.received(attention, 1, 3, 1, 3); // rows 1–2, columns 1–2
        assertThat(w).hasSize(2);
        assertThat(w[0]).isCloseTo((0.3 + 0) / 2, within(1e-6));
        assertThat(w[1]).isCloseTo((0.2 + 1) / 2, within(1e-6));
    }

    @Test
    void refusesEmptyRowOrColumnRanges() {
        float[][] attention = {{0.5f, 0.5f}, {0.5f, 0.5f}};
        assertThatThrownBy(() -> TokenAttention.received(attention, 1, 1, 0, 2)).hasMessageContaining("empty token range");
        assertThatThrownBy(() -> TokenAttention.received(attention, 0, 2, 1, 1)).hasMessageContaining("empty token range");
        assertThat(TokenAttention.received(attention, 1, 2, 1, 2)).containsExactly(0.5);
    }
}
