package dev.attentionqa.eval;

import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.QaPipeline;
import dev.attentionqa.qa.QaResult;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a span-mode pipeline over SQuAD questions and scores the best span under the official rules. */
public final class SpanEvaluation {

    /** The official figures and the predictions they came from. */
    public record Result(SquadScores scores, Map<String, String> predictions, double seconds) {
    }

    private final QaPipeline pipeline;
    private final PrintStream progress;

    public SpanEvaluation(QaPipeline pipeline, PrintStream progress) {
        this.pipeline = pipeline;
        this.progress = progress;
    }

    public Result run(List<SquadQuestion> questions, SquadVersion version) {
        long started = System.nanoTime();
        Map<String, String> predictions = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            SquadQuestion q = questions.get(i);
            QaResult result = pipeline.answer(q.question(), q.context(), 1, 0, ExplanationMethod.ROLLOUT);
            predictions.put(q.id(), result.answers().isEmpty() ? "" : result.answers().get(0).text());
            Progress.print(progress, i + 1, questions.size(), started);
        }
        SquadScores scores = PredictionScoring.score(new SquadFile(version, questions), predictions);
        return new Result(scores, predictions, (System.nanoTime() - started) / 1e9);
    }
}
