package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NegativeExamplesTest {

    private static final List<List<String>> ARTICLES = List.of(
            List.of("Paris is the capital of France.", "France borders Spain.", "The Seine flows through Paris."),
            List.of("Mount Everest is 8,849 metres high.", "Climbers need oxygen."));

    private static SquadQuestion paris(String id) {
        return new SquadQuestion(id, "What is the capital of France?", ARTICLES.get(0).get(0), List.of("Paris"),
                List.of(0));
    }

    @Test
    void pairsAQuestionWithAParagraphThatHoldsNoneOfItsGoldTexts() {
        List<SquadQuestion> questions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            questions.add(paris("q" + i));
        }
        List<SquadQuestion> negatives = NegativeExamples.of(questions, ARTICLES, 1.0, 3);
        assertThat(negatives).hasSize(200).allSatisfy(n -> {
            assertThat(n.answers()).isEmpty();
            assertThat(n.context()).doesNotContainIgnoringCase("paris");
            assertThat(n.id()).endsWith("-neg");
        });
        assertThat(negatives).extracting(SquadQuestion::context).as("same article and other articles both drawn")
                .contains("France borders Spain.", "Climbers need oxygen.");
    }

    @Test
    void drawsTheShareAskedForAndTheSameOnesForTheSameSeed() {
        List<SquadQuestion> questions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            questions.add(paris("q" + i));
        }
        List<SquadQuestion> some = NegativeExamples.of(questions, ARTICLES, 0.3, 5);
        assertThat(some.size()).isBetween(240, 360);
        assertThat(NegativeExamples.of(questions, ARTICLES, 0.3, 5)).isEqualTo(some);
        assertThat(NegativeExamples.of(questions, ARTICLES, 0, 5)).isEmpty();
        assertThatThrownBy(() -> NegativeExamples.of(questions, ARTICLES, 1.5, 5)).hasMessageContaining("(got 1.5)");
    }

    @Test
    void heldOutArticlesAreTheLastOnesAndTheirQuestionsAreFound() {
        HeldOutArticles held = new HeldOutArticles(1);
        assertThat(held.training(ARTICLES)).containsExactly(ARTICLES.get(0));
        assertThat(held.heldOut(ARTICLES)).containsExactly(ARTICLES.get(1));
        SquadQuestion everest = new SquadQuestion("e", "How high is Everest?", ARTICLES.get(1).get(0),
                List.of("8,849 metres"), List.of(17));
        assertThat(HeldOutArticles.questionsOf(List.of(paris("p"), everest), held.heldOut(ARTICLES)))
                .containsExactly(everest);
    }
}
