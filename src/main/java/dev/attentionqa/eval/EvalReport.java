package dev.attentionqa.eval;

import java.util.List;

/**
 * Metrics over a data set, as written to {@code eval --json OUT}.
 *
 * @param sentenceAccuracy share of questions whose top-1 sentence contains a gold answer span
 * @param top3SentenceAccuracy the same for any of the top 3 sentences
 * @param exactMatch official-rules EM of the top-1 answer text, in percent
 * @param f1 official-rules F1 of the top-1 answer text, in percent
 */
public record EvalReport(int questions, double sentenceAccuracy, double top3SentenceAccuracy, double exactMatch,
                         double f1, double seconds, List<QuestionResult> predictions) {

    public static EvalReport of(List<QuestionResult> results, double seconds) {
        int n = results.size();
        double hit = results.stream().filter(QuestionResult::sentenceHit).count();
        double top3 = results.stream().filter(QuestionResult::top3Hit).count();
        double em = results.stream().mapToDouble(QuestionResult::exactMatch).sum();
        double f1 = results.stream().mapToDouble(QuestionResult::f1).sum();
        return new EvalReport(n, n == 0 ? 0 : hit / n, n == 0 ? 0 : top3 / n, n == 0 ? 0 : 100 * em / n,
                n == 0 ? 0 : 100 * f1 / n, seconds, results);
    }
}
