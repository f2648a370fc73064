package dev.attentionqa.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One poll cut into micro-batches of bounded model tokens, in order; an oversize request alone. */
class TokenSlicesTest {

    @Test
    void cutsInOrderAtTheTokenBound() {
        var slices = TokenSlices.of(List.of(40L, 50L, 20L, 90L, 5L, 5L), Long::longValue, 100);
        assertThat(slices).extracting(TokenSlices.Slice::items)
                .containsExactly(List.of(40L, 50L), List.of(20L), List.of(90L, 5L, 5L));
        assertThat(slices).extracting(TokenSlices.Slice::tokens).containsExactly(90L, 20L, 100L);
    }

    @Test
    void aRequestLargerThanTheBoundRunsAlone() {
        var slices = TokenSlices.of(List.of(10L, 250L, 10L), Long::longValue, 100);
        assertThat(slices).extracting(TokenSlices.Slice::items)
                .containsExactly(List.of(10L), List.of(250L), List.of(10L));
    }

    @Test
    void nothingGivesNoSlice() {
        assertThat(TokenSlices.of(List.<Long>of(), Long::longValue, 100)).isEmpty();
    }
}
