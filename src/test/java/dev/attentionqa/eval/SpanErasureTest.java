package dev.attentionqa.eval;

import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanErasureTest {

    private static final String CONTEXT = "The committee met on Tuesday. Maria Lopez received the medal.";
    private static final Answer ANSWER = new Answer("Maria Lopez", 0.9, 30, 41);

    private static WordWeight word(String w) {
        int at = CONTEXT.indexOf(w);
        return new WordWeight(w, at, at + w.length(), 0);
    }

    @Test
    void keepsTheAnswerAndTheKeptWordsInTextOrderWhateverTheirRank() {
        SpanErasure erased = SpanErasure.keeping(List.of(word("medal"), word("committee"), word("received")), ANSWER);
        assertThat(erased.context()).isEqualTo("committee Maria Lopez received medal");
        assertThat(erased.context().substring(erased.start(), erased.end())).isEqualTo("Maria Lopez");
    }

    @Test
    void anAnswerAloneStartsAtZero() {
        SpanErasure erased = SpanErasure.keeping(List.of(), ANSWER);
        assertThat(erased).isEqualTo(new SpanErasure("Maria Lopez", 0, 11));
    }

    @Test
    void refusesAWordInsideTheAnswer() {
        assertThatThrownBy(() -> SpanErasure.keeping(List.of(word("Lopez")), ANSWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"Lopez\" at [36, 41)");
    }
}
