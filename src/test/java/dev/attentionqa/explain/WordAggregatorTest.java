package dev.attentionqa.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WordAggregatorTest {

    // "unbelievable focus": un ##believ ##able | focus
    private static final String TEXT = "unbelievable focus";
    private static final int[] WORD_IDS = {0, 0, 0, 1};
    private static final int[] STARTS = {0, 2, 8, 13};
    private static final int[] ENDS = {2, 8, 12, 18};

    @Test
    void sumsPiecesIntoWordsWithTheirOffsetsAndNormalises() {
        List<WordWeight> words = WordAggregator.words(TEXT, WORD_IDS, STARTS, ENDS, new double[] {0.1, 0.2, 0.1, 0.6});
        assertThat(words).extracting(WordWeight::word).containsExactly("unbelievable", "focus");
        assertThat(words.get(0).weight()).isCloseTo(0.4, within(1e-12));
        assertThat(words.get(1).weight()).isCloseTo(0.6, within(1e-12));
        words.forEach(w -> assertThat(TEXT.substring(w.start(), w.end())).isEqualTo(w.word()));
    }

    @Test
    void normalisesWeightsThatDoNotSumToOne() {
        List<WordWeight> words = WordAggregator.words(TEXT, WORD_IDS, STARTS, ENDS, new double[] {1, 1, 1, 1});
        assertThat(words.get(0).weight()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void topKeepsTheHeaviestWordsHeaviestFirst() {
        List<WordWeight> words = List.of(new WordWeight("a", 0, 1, 0.2), new WordWeight("b", 2, 3, 0.5),
                new WordWeight("c", 4, 5, 0.3));
        assertThat(WordAggregator.top(words, 2)).extracting(WordWeight::word).containsExactly("b", "c");
    }

    @Test
    void rejectsAWeightCountThatDoesNotMatchTheTokens() {
        assertThatThrownBy(() -> WordAggregator.words(TEXT, WORD_IDS, STARTS, ENDS, new double[] {1}))
                .hasMessageContaining("(got 1 weights for 4 tokens)");
    }

    @Test
    void zeroWeightsGiveZeroWordsNotNaN() {
        List<WordWeight> words = WordAggregator.words(TEXT, WORD_IDS, STARTS, ENDS, new double[] {0, 0, 0, 0});
        assertThat(words).isNotEmpty().allMatch(w -> w.weight() == 0.0);
    }
}
