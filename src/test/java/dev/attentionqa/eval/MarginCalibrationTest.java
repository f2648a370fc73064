package dev.attentionqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarginCalibrationTest {

    private static SquadQuestion q(String id, String... golds) {
        return new SquadQuestion(id, "?", "context", List.of(golds), List.of());
    }

    @Test
    void picksTheMarginBetweenTheUnanswerableAndTheAnsweredLeads() {
        List<SquadQuestion> questions = List.of(q("a", "Paris"), q("b", "1917"), q("n1"), q("n2"));
        Map<String, String> predictions = Map.of("a", "Paris", "b", "1917", "n1", "Lyon", "n2", "1920");
        Map<String, Double> leads = Map.of("a", 3.0, "b", 1.0, "n1", -2.0, "n2", 0.0);
        MarginCalibration.Best best = MarginCalibration.best(questions, predictions, leads);
        assertThat(best.margin()).isCloseTo(0.5, within(1e-9)); // between n2 (0.0) and b (1.0)
        assertThat(best.f1()).isCloseTo(100.0, within(1e-9));
        assertThat(MarginCalibration.abstained(predictions, leads, best.margin()))
                .containsEntry("a", "Paris").containsEntry("b", "1917").containsEntry("n1", "").containsEntry("n2", "");
    }

    @Test
    void neverAbstainsWhenEveryQuestionHasAnAnswerAndTheSpansAreRight() {
        List<SquadQuestion> questions = List.of(q("a", "Paris"), q("b", "1917"));
        Map<String, Double> leads = Map.of("a", -3.0, "b", 1.0);
        MarginCalibration.Best best = MarginCalibration.best(questions, Map.of("a", "Paris", "b", "1917"), leads);
        assertThat(best.margin()).isLessThan(-3.0);
        assertThat(best.f1()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void withholdsAWrongSpanOnlyWhenThatPays() {
        // a's span is wrong (F1 0) but a has an answer: withholding it scores 0 too, so nothing is gained
        List<SquadQuestion> questions = List.of(q("a", "Paris"), q("n"));
        Map<String, Double> leads = Map.of("a", -1.0, "n", 2.0);
        MarginCalibration.Best best = MarginCalibration.best(questions, Map.of("a", "Lyon", "n", "x"), leads);
        assertThat(best.f1()).as("withholding both: n scores 1").isCloseTo(50.0, within(1e-9));
        assertThat(best.margin()).isGreaterThan(2.0);
    }
}
