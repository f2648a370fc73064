package dev.attentionqa.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed-forward width is padded only where its rows would be a whole multiple of 2 KiB; that the padding leaves
 * every output unchanged is held by {@link OnnxRuntimeParityTest} (MiniLM's 1536 units are padded) and
 * {@link ArchitectureParityTest} (its widths are not).
 */
class LayerWeightsTest {

    @Test
    void padsWidthsWhoseRowsAreWholeMultiplesOfTwoKibibytes() {
        assertThat(LayerWeights.paddedWidth(1536)).isEqualTo(1536 + LayerWeights.PAD_UNITS); // MiniLM: 6 KiB rows
        assertThat(LayerWeights.paddedWidth(3072)).isEqualTo(3072 + LayerWeights.PAD_UNITS); // BERT-base: 12 KiB
        assertThat(LayerWeights.paddedWidth(1024)).isEqualTo(1024 + LayerWeights.PAD_UNITS);
    }

    @Test
    void leavesOtherWidthsAlone() {
        assertThat(LayerWeights.paddedWidth(1280)).isEqualTo(1280); // 5 KiB rows: measured fast
        assertThat(LayerWeights.paddedWidth(768)).isEqualTo(768);
        assertThat(LayerWeights.paddedWidth(37)).isEqualTo(37);
    }

    @Test
    void paddedRowsStayCacheLineAligned() {
        assertThat(LayerWeights.paddedWidth(1536) * Float.BYTES % 64).isZero();
        assertThat(LayerWeights.paddedWidth(1536) * Float.BYTES % LayerWeights.ALIASED_ROW_BYTES).isNotZero();
    }
}
