package dev.attentionqa.batching;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting calls become model batches: sorted by length, within the row and padded-token bounds, each call once. */
class ModelBatchPlanTest {

    private static final BatchBounds BOUNDS = new BatchBounds(800, 8, 16, Duration.ZERO);

    @Test
    void groupsSimilarLengthsAndKeepsEveryBatchWithinTheBounds() {
        List<ModelBatchPlan.Call> calls = List.of(call(1, 200), call(1, 10), call(2, 100), call(1, 12),
                call(1, 190), call(4, 14), call(1, 11));

        List<ModelBatchPlan.Batch> batches = ModelBatchPlan.of(calls, BOUNDS, 512);

        assertThat(batches.stream().flatMap(b -> b.calls().stream()).sorted().toList())
                .as("every call in exactly one batch").isEqualTo(IntStream.range(0, calls.size()).boxed().toList());
        assertThat(batches.get(0).calls()).as("the short ones first, together").containsExactly(1, 6, 3, 5);
        assertThat(batches.get(0).paddedLength()).as("14 rounded up to 16").isEqualTo(16);
        for (ModelBatchPlan.Batch b : batches) {
            assertThat(b.rows()).isLessThanOrEqualTo(8)
                    .isEqualTo(b.calls().stream().mapToInt(i -> calls.get(i).rows()).sum());
            assertThat(b.rows() * b.paddedLength()).isLessThanOrEqualTo(800);
            assertThat(b.paddedLength() % 16).isZero();
        }
        assertThat(batches).hasSize(3); // [10,11,12,14×4] (7 rows; 9 would pass 8) · [100×2, 190] · [200]: 4 × 208 = 832 > 800 tokens
    }

    @Test
    void aCallBeyondTheBoundsRunsAlone() {
        List<ModelBatchPlan.Batch> batches = ModelBatchPlan.of(List.of(call(32, 384), call(1, 20)), BOUNDS, 512);

        assertThat(batches).extracting(ModelBatchPlan.Batch::calls).containsExactly(List.of(1), List.of(0));
        assertThat(batches.get(1).paddedLength()).isEqualTo(384);
    }

    @Test
    void roundingNeverPassesTheModelsLimit() {
        assertThat(BOUNDS.padded(510, 512)).isEqualTo(512);
        assertThat(BOUNDS.padded(511, 511)).isEqualTo(511);
        assertThat(BOUNDS.padded(17, 512)).isEqualTo(32);
    }

    private static ModelBatchPlan.Call call(int rows, int length) {
        return new ModelBatchPlan.Call(rows, length);
    }

    @Test
    void callsThatFillTheTokenBudgetExactlyShareOneBatch() {
        // 2 rows padded to 400 = 800 tokens, the budget itself: it fits
        List<ModelBatchPlan.Batch> batches = ModelBatchPlan.of(List.of(call(1, 400), call(1, 400)), BOUNDS, 512);
        assertThat(batches).extracting(ModelBatchPlan.Batch::calls).containsExactly(List.of(0, 1));
    }
}
