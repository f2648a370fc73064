package dev.attentionqa.eval;

import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.Abstention;
import dev.attentionqa.qa.Answer;
import dev.attentionqa.qa.QaPipeline;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.Sentence;
import dev.attentionqa.qa.SentenceSplitter;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a span-mode pipeline over SQuAD questions and scores the best span under the official rules; also counts how
 * often the sentence holding the span holds a gold answer (the figure sentence mode is judged by).
 */
public final class SpanEvaluation {

    /**
     * The official figures and the predictions they came from (the best span of each question, never withheld), and
     * each best span's lead over the no-answer score ({@link Abstention#lead}) for abstention and its calibration.
     */
    public record Result(SquadScores scores, Map<String, String> predictions, Map<String, Double> leads,
                         double sentenceAccuracy, double seconds) {
    }

    private static final SentenceSplitter SENTENCES = new SentenceSplitter();

    private final QaPipeline pipeline;
    private final PrintStream progress;

    public SpanEvaluation(QaPipeline pipeline, PrintStream progress) {
        this.pipeline = pipeline;
        this.progress = progress;
    }

    public Result run(List<SquadQuestion> questions, SquadVersion version) {
        long started = System.nanoTime();
        Map<String, String> predictions = new LinkedHashMap<>();
        Map<String, Double> leads = new LinkedHashMap<>();
        int rightSentence = 0;
        for (int i = 0; i < questions.size(); i++) {
            SquadQuestion q = questions.get(i);
            QaResult result = pipeline.answer(q.question(), q.context(), 1, 0, ExplanationMethod.ROLLOUT);
            predictions.put(q.id(), result.answers().isEmpty() ? "" : result.answers().get(0).text());
            leads.put(q.id(), Abstention.lead(result));
            if (!result.answers().isEmpty() && inGoldSentence(q, result.answers().get(0))) {
                rightSentence++;
            }
            Progress.print(progress, i + 1, questions.size(), started);
        }
        SquadScores scores = PredictionScoring.score(new SquadFile(version, questions), predictions);
        return new Result(scores, predictions, leads, questions.isEmpty() ? 0 : (double) rightSentence / questions.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Whether the sentence holding the span's start also holds a gold answer. */
    static boolean inGoldSentence(SquadQuestion q, Answer span) {
        for (Sentence s : SENTENCES.split(q.context())) {
            if (span.start() >= s.start() && span.start() < s.end()) {
                return SentenceEvaluation.holdsGold(q, new Answer(s.text(), 0, s.start(), s.end()));
            }
        }
        return false;
    }
}
