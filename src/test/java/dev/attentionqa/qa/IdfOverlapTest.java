package dev.attentionqa.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IdfOverlapTest {

    private static List<Sentence> sentences(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> new Sentence(0, t.length(), t)).toList();
    }

    @Test
    void prefersTheSentenceSharingTheRarerQuestionWords() {
        IdfOverlap overlap = new IdfOverlap(sentences(
                "Transformers use attention.", "Attention avoids the vanishing gradient.", "Attention is parallel."));
        double[] scores = overlap.scores("What about the vanishing gradient of attention?");
        assertThat(scores[1]).isGreaterThan(scores[0]).isGreaterThan(0);
        assertThat(scores[0]).isEqualTo(scores[2]);
    }

    @Test
    void aQuestionOfFunctionWordsOnlyScoresZeroNotNaN() {
        IdfOverlap overlap = new IdfOverlap(sentences("Rollout multiplies attention.", "Nothing here."));
        assertThat(overlap.scores("What is it?")).containsExactly(0.0, 0.0); // no IDF to divide by
    }

    @Test
    void scoresAreOneWhenEveryContentWordMatchesAndZeroWhenNoneDoes() {
        IdfOverlap overlap = new IdfOverlap(sentences("Rollout multiplies attention.", "Nothing here."));
        double[] scores = overlap.scores("The rollout of attention?");
        assertThat(scores[0]).isCloseTo(1.0, within(1e-12));
        assertThat(scores[1]).isZero();
    }

    @Test
    void ignoresCaseAndFunctionWords() {
        IdfOverlap overlap = new IdfOverlap(sentences("The model.", "A MODEL of the world."));
        double[] scores = overlap.scores("the model");
        assertThat(scores[0]).isEqualTo(scores[1]).isGreaterThan(0);
    }
}
