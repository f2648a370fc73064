package dev.attentionqa.eval;

import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordErasureTest {

    private static final String CONTEXT = "First one. Attention lets tokens see. Last one.";
    private static final List<Sentence> SENTENCES = List.of(new Sentence(0, 10, "First one."),
            new Sentence(11, 37, "Attention lets tokens see."), new Sentence(38, 47, "Last one."));

    @Test
    void keepsTheChosenWordsInTextOrderAndMovesLaterSentences() {
        var kept = List.of(new WordWeight("see", 33, 36, 0.5), new WordWeight("Attention", 11, 20, 0.3));
        WordErasure e = WordErasure.keeping(CONTEXT, SENTENCES, 1, kept);
        assertThat(e.context()).isEqualTo("First one. Attention see Last one.");
        assertThat(e.sentences()).containsExactly(SENTENCES.get(0), new Sentence(11, 24, "Attention see"),
                new Sentence(25, 34, "Last one."));
        e.sentences().forEach(s -> assertThat(e.context().substring(s.start(), s.end())).isEqualTo(s.text()));
    }

    @Test
    void refusesAWordOutsideTheSentence() {
        assertThatThrownBy(() -> WordErasure.keeping(CONTEXT, SENTENCES, 1, List.of(new WordWeight("First", 0, 5, 1))))
                .hasMessageContaining("(got \"First\" at [0, 5))");
    }
}
