package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.WordWeight;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentWordsTest {

    @Test
    void stopWordsInAnyCaseAndPunctuationOnlyWordsAreNotContent() {
        for (String word : new String[] {"the", "The", "THE", "of", "was", "which", ".", ",", "–", "—", "$", "%", "«"}) {
            assertThat(ContentWords.isContent(word)).as(word).isFalse();
        }
    }

    @Test
    void namesNumbersAndOtherWordsAreContent() {
        for (String word : new String[] {"Lopez", "12", "percent", "Valencia", "東京", "naïve", "U.S.", "co-founder"}) {
            assertThat(ContentWords.isContent(word)).as(word).isTrue();
        }
    }

    @Test
    void topKeepsTheHeaviestContentWordsInOrderAndLeavesWeightsAndQuestionAlone() {
        List<WordWeight> question = List.of(new WordWeight("Who", 0, 3, 0.5), new WordWeight("?", 3, 4, 0.5));
        List<WordWeight> context = List.of(new WordWeight(".", 40, 41, 0.30), new WordWeight("Lopez", 6, 11, 0.25),
                new WordWeight("the", 20, 23, 0.20), new WordWeight("medal", 24, 29, 0.15),
                new WordWeight("Tuesday", 30, 37, 0.10));
        Explanation shown = ContentWords.top(new Explanation("rollout", List.of(0, 1), question, context), 2);
        assertThat(shown.context()).containsExactly(context.get(1), context.get(3));
        assertThat(shown.question()).isEqualTo(question);
        assertThat(shown.method()).isEqualTo("rollout");
        assertThat(shown.layers()).containsExactly(0, 1);
    }
}
