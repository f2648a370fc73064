package dev.attentionqa.qa;

import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.tokenize.SpecialTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EncoderBatchTest {

    private static final SpecialTokens SPECIAL = new SpecialTokens(101, 102, 0);

    @Test
    void wrapsSingleTextsInClsSepAndPadsToTheLongest() {
        EncoderInput in = EncoderBatch.of(List.of(new long[] {7, 8, 9}, new long[] {5}), null, SPECIAL);
        assertThat(in.inputIds()[0]).containsExactly(101, 7, 8, 9, 102);
        assertThat(in.inputIds()[1]).containsExactly(101, 5, 102, 0, 0);
        assertThat(in.attentionMask()[1]).containsExactly(1, 1, 1, 0, 0);
        assertThat(in.tokenTypeIds()[0]).containsOnly(0L);
    }

    @Test
    void marksTheSecondSegmentOfAPairWithTokenType1() {
        EncoderInput in = EncoderBatch.of(List.<long[]>of(new long[] {7}), List.<long[]>of(new long[] {8, 9}), SPECIAL);
        assertThat(in.inputIds()[0]).containsExactly(101, 7, 102, 8, 9, 102);
        assertThat(in.tokenTypeIds()[0]).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(in.attentionMask()[0]).containsOnly(1L);
    }

    @Test
    void separatesRobertaPairsWithTwoSeparatorsAndKeepsSegment0() {
        SpecialTokens roberta = new SpecialTokens(0, 2, 1, true, 0);
        EncoderInput in = EncoderBatch.of(List.of(new long[] {7}, new long[] {7}),
                List.of(new long[] {8, 9}, new long[] {8}), roberta);
        assertThat(in.inputIds()[0]).containsExactly(0, 7, 2, 2, 8, 9, 2);
        assertThat(in.inputIds()[1]).containsExactly(0, 7, 2, 2, 8, 2, 1);
        assertThat(in.attentionMask()[1]).containsExactly(1, 1, 1, 1, 1, 1, 0);
        assertThat(in.tokenTypeIds()[0]).containsOnly(0L);
    }
}
