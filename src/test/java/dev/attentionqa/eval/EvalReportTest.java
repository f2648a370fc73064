package dev.attentionqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of the reports `eval` writes, on hand-made figures. */
class EvalReportTest {

    @Test
    void sharesAndPercentagesAreOverAllQuestions() {
        EvalReport r = EvalReport.of(List.of(
                new QuestionResult("a", "x", 0, 1, true, true, 1.0, 1.0),
                new QuestionResult("b", "y", 0, 1, false, true, 0.0, 0.5),
                new QuestionResult("c", "z", 0, 1, false, false, 0.0, 0.0),
                new QuestionResult("d", "w", 0, 1, true, true, 1.0, 0.75)), 2.5);
        assertThat(r.questions()).isEqualTo(4);
        assertThat(r.sentenceAccuracy()).isEqualTo(0.5);
        assertThat(r.top3SentenceAccuracy()).isEqualTo(0.75);
        assertThat(r.exactMatch()).isEqualTo(50.0);
        assertThat(r.f1()).isEqualTo(56.25);
        assertThat(r.seconds()).isEqualTo(2.5);
    }

    @Test
    void noQuestionsGiveZerosNotNaN() {
        EvalReport r = EvalReport.of(List.of(), 0);
        assertThat(List.of(r.sentenceAccuracy(), r.top3SentenceAccuracy(), r.exactMatch(), r.f1()))
                .containsOnly(0.0);
    }

    @Test
    void officialV2FiguresNameOnlyTheGroupsThatHaveQuestions() {
        SquadScores onlyAnswerable = new SquadScores(SquadVersion.V2_0, 2, 50, 60, 2, 50, 60, 0, 0, 0, 0);
        assertThat(onlyAnswerable.official()).containsKeys("exact", "f1", "total", "HasAns_exact", "HasAns_total")
                .doesNotContainKeys("NoAns_exact", "NoAns_total");
        SquadScores onlyUnanswerable = new SquadScores(SquadVersion.V2_0, 1, 100, 100, 0, 0, 0, 1, 100, 100, 0);
        assertThat(onlyUnanswerable.official()).containsEntry("NoAns_total", 1).doesNotContainKeys("HasAns_exact");
        SquadScores v1 = new SquadScores(SquadVersion.V1_1, 2, 50, 60, 2, 50, 60, 0, 0, 0, 0);
        assertThat(v1.official()).containsOnlyKeys("exact_match", "f1");
    }
}
