package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.qa.SpanFeatures;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Gold labels as HF's prepare_train_features gives them: the answer's tokens, or [CLS] outside the window. */
class TrainingFeaturesTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static SquadQuestion question(String context, String answer) {
        return new SquadQuestion("q", "Who received the medal?", context, List.of(answer), List.of(context.indexOf(answer)));
    }

    @Test
    void labelsTheAnswerTokensInsideOneWindow() {
        String context = "The committee met in Valencia. The medal went to Maria Lopez, a chemist, in 2024.";
        TrainingFeatures.Result r = TrainingFeatures.of(List.of(question(context, "Maria Lopez")), tokenizer,
                new SpanFeatures(384, 128, 64));
        assertThat(r.features()).hasSize(1);
        TrainingFeature f = r.features().get(0);
        TokenizedText answer = tokenizer.tokenize("Maria Lopez");
        long[] labelled = new long[f.end() - f.start() + 1];
        for (int p = f.start(); p <= f.end(); p++) {
            labelled[p - f.start()] = f.ids()[p];
        }
        assertThat(labelled).containsExactly(answer.ids());
        assertThat(f.types()[f.start()]).isEqualTo((byte) 1);
    }

    @Test
    void answerOutsideAWindowIsLabelledCls() {
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            context.append("Filler sentence number ").append(i).append(" says nothing at all. ");
        }
        context.append("The medal went to Maria Lopez.");
        TrainingFeatures.Result r = TrainingFeatures.of(List.of(question(context.toString(), "Maria Lopez")), tokenizer,
                new SpanFeatures(128, 32, 64));
        assertThat(r.features().size()).isGreaterThan(2);
        assertThat(r.features().get(0).start()).isZero();
        assertThat(r.features().get(0).end()).isZero();
        assertThat(r.features().get(r.features().size() - 1).hasAnswer()).isTrue();
        assertThat(r.features()).allMatch(f -> f.length() <= 128);
    }

    @Test
    void answerNotAtItsStartIsSkippedAndCounted() {
        String context = "The medal went to Maria Lopez.";
        SquadQuestion wrong = new SquadQuestion("q", "Who?", context, List.of("Maria Lopez"), List.of(3));
        TrainingFeatures.Result r = TrainingFeatures.of(List.of(wrong), tokenizer, new SpanFeatures(384, 128, 64));
        assertThat(r.features()).isEmpty();
        assertThat(r.skipped()).isEqualTo(1);
    }
}
