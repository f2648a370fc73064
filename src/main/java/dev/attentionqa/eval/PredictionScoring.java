package dev.attentionqa.eval;

import java.util.Map;

/** Scores a {@code {question id: answer text}} map against SQuAD questions under the official rules, no model needed. */
public final class PredictionScoring {

    private PredictionScoring() {
    }

    /** EM and F1 over all questions, and over those with and without gold answers
     * (the v2.0 script's {@code qid_to_has_ans}). */
    public static SquadScores score(SquadFile file, Map<String, String> predictions) {
        Sum all = new Sum();
        Sum hasAns = new Sum();
        Sum noAns = new Sum();
        int missing = 0;
        SquadVersion version = file.version();
        for (SquadQuestion q : file.questions()) {
            String prediction = predictions.get(q.id());
            if (prediction == null) {
                missing++;
                prediction = "";
            }
            double em = SquadScoring.exactMatch(prediction, q.answers(), version);
            double f1 = SquadScoring.f1(prediction, q.answers(), version);
            all.add(em, f1);
            (q.answers().isEmpty() ? noAns : hasAns).add(em, f1);
        }
        return new SquadScores(version, all.count, all.exact(), all.f1(), hasAns.count, hasAns.exact(), hasAns.f1(),
                noAns.count, noAns.exact(), noAns.f1(), missing);
    }

    /** Running sums of one split. */
    private static final class Sum {
        private int count;
        private double exact;
        private double f1;

        void add(double em, double f) {
            count++;
            exact += em;
            f1 += f;
        }

        double exact() {
            return count == 0 ? 0 : 100 * exact / count;
        }

        double f1() {
            return count == 0 ? 0 : 100 * f1 / count;
        }
    }
}
