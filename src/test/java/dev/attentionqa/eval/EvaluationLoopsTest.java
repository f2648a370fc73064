package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.Answer;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.RealPipelines;
import dev.attentionqa.qa.SpanPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluation loops of {@code eval} over the shipped models and 12 SQuAD v1.1 dev questions, as plain tests (no
 * Quarkus), so that mutation testing reaches them. Figures are checked against the official rules applied here to
 * each prediction, not against the loops' own sums.
 */
class EvaluationLoopsTest {

    private static RealPipelines pipelines;
    private static List<SquadQuestion> questions;

    @BeforeAll
    static void load() throws Exception {
        pipelines = new RealPipelines();
        questions = SquadDataset.read(SeedData.squadV11Dev(), new ObjectMapper()).subList(0, 12);
    }

    @AfterAll
    static void close() {
        pipelines.close();
    }

    @Test
    void spanEvaluationScoresEachBestSpanByTheOfficialRules() {
        SpanPipeline span = pipelines.span();
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        SpanEvaluation.Result r = new SpanEvaluation(span, new PrintStream(bar, true, StandardCharsets.UTF_8))
                .run(questions, SquadVersion.V1_1);

        assertThat(r.predictions().keySet()).containsExactlyElementsOf(questions.stream().map(SquadQuestion::id).toList());
        double em = 0;
        double f1 = 0;
        int rightPlace = 0;
        for (SquadQuestion q : questions) {
            Answer best = span.answer(q.question(), q.context(), 1, 0, ExplanationMethod.ROLLOUT).answers().get(0);
            String predicted = r.predictions().get(q.id());
            assertThat(predicted).as(q.id()).isEqualTo(best.text());
            em += SquadScoring.exactMatch(predicted, q.answers());
            f1 += SquadScoring.f1(predicted, q.answers());
            rightPlace += q.answerStarts().contains(best.start()) ? 1 : 0;
        }
        assertThat(r.scores().exact()).isCloseTo(100 * em / questions.size(), within(1e-9));
        assertThat(r.scores().f1()).isCloseTo(100 * f1 / questions.size(), within(1e-9));
        assertThat(r.scores().exact()).as("EM of the shipped model on 12 dev questions").isGreaterThanOrEqualTo(50);
        // a span that starts where a gold answer starts lies in that answer's sentence
        assertThat(r.sentenceAccuracy()).isGreaterThanOrEqualTo((double) rightPlace / questions.size()).isLessThanOrEqualTo(1);
        assertThat(r.sentenceAccuracy() * questions.size()).isCloseTo(Math.rint(r.sentenceAccuracy() * questions.size()),
                within(1e-9));
        // progress is drawn every 10 questions and at the end, which ends the line
        String drawn = bar.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("10/12", "12/12", "q/s", "ETA").doesNotContain("9/12").endsWith(System.lineSeparator());
    }

    @Test
    void spanEvaluationOfNoQuestionsIsZeroNotNaN() {
        SpanEvaluation.Result r = new SpanEvaluation(pipelines.span(), null).run(List.of(), SquadVersion.V1_1);
        assertThat(r.predictions()).isEmpty();
        assertThat(r.sentenceAccuracy()).isZero();
    }

    @Test
    void sentenceEvaluationScoresTheTopSentenceOfEachQuestion() {
        var sentences = pipelines.sentence("token-match", 0.0);
        EvalReport r = new SentenceEvaluation(sentences, null).run(questions, SquadVersion.V1_1);

        assertThat(r.questions()).isEqualTo(12);
        assertThat(r.predictions()).extracting(QuestionResult::id)
                .containsExactlyElementsOf(questions.stream().map(SquadQuestion::id).toList());
        int hits = 0;
        int top3 = 0;
        for (int i = 0; i < questions.size(); i++) {
            SquadQuestion q = questions.get(i);
            QuestionResult p = r.predictions().get(i);
            QaResult answered = sentences.answer(q.question(), q.context(), 3, 0);
            assertThat(p.prediction()).isEqualTo(answered.answers().get(0).text());
            assertThat(q.context().substring(p.start(), p.end())).isEqualTo(p.prediction());
            assertThat(p.exactMatch()).isEqualTo(SquadScoring.exactMatch(p.prediction(), q.answers()));
            assertThat(p.f1()).isEqualTo(SquadScoring.f1(p.prediction(), q.answers()));
            boolean hit = containsGold(q, answered.answers().get(0));
            assertThat(p.sentenceHit()).as(q.id()).isEqualTo(hit);
            assertThat(p.top3Hit()).isEqualTo(answered.answers().stream().anyMatch(a -> containsGold(q, a)));
            hits += hit ? 1 : 0;
            top3 += p.top3Hit() ? 1 : 0;
        }
        assertThat(r.sentenceAccuracy()).isEqualTo((double) hits / 12);
        assertThat(r.top3SentenceAccuracy()).isEqualTo((double) top3 / 12).isGreaterThanOrEqualTo(r.sentenceAccuracy());
        assertThat(r.sentenceAccuracy()).as("token-match sentence accuracy on 12 dev questions").isGreaterThanOrEqualTo(0.5);
    }

    /** Whether a gold answer, at its recorded offset, lies wholly inside the answer's characters. */
    private static boolean containsGold(SquadQuestion q, Answer a) {
        for (int i = 0; i < q.answers().size(); i++) {
            int from = q.answerStarts().get(i);
            if (a.start() <= from && from + q.answers().get(i).length() <= a.end()) {
                return true;
            }
        }
        return false;
    }
}
