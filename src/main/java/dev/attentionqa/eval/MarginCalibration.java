package dev.attentionqa.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The no-answer margin that maximises SQuAD v2.0 F1 over a set of questions, as the official v2.0 script's
 * {@code find_best_thresh}: each question scores its span's F1 when answered and 1 or 0 (gold empty or not) when
 * withheld; the margin is swept over the midpoints between the questions' leads. Run it on questions held out of
 * training, never on the dev set whose figures are reported.
 */
public final class MarginCalibration {

    /** The chosen margin and the F1 (percent) it gives on the calibration questions. */
    public record Best(double margin, double f1, int questions) {
    }

    /** The most negative margin reported: below any lead a span of probability ≥ e^-1000 can have. */
    private static final double NEVER = 1000;

    private MarginCalibration() {
    }

    /**
     * {@code predictions} is the best span per question id (before abstention), {@code leads} the log-probability
     * lead of that span over the no-answer score ({@link dev.attentionqa.qa.Abstention#lead}).
     */
    public static Best best(List<SquadQuestion> questions, Map<String, String> predictions, Map<String, Double> leads) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one question (got 0)");
        }
        List<SquadQuestion> byLead = new ArrayList<>(questions);
        byLead.sort(Comparator.comparingDouble(q -> leads.get(q.id())));
        double answeredF1 = 0; // every question answered: margin below the smallest lead
        for (SquadQuestion q : byLead) {
            answeredF1 += spanF1(q, predictions.get(q.id()));
        }
        double total = answeredF1;
        double bestTotal = total;
        double bestMargin = leads.get(byLead.get(0).id()) - 1;
        for (int i = 0; i < byLead.size(); i++) {
            SquadQuestion q = byLead.get(i); // withheld from here on
            total += (q.answers().isEmpty() ? 1 : 0) - spanF1(q, predictions.get(q.id()));
            double lead = leads.get(q.id());
            double next = i + 1 < byLead.size() ? leads.get(byLead.get(i + 1).id()) : lead + 2;
            if (total > bestTotal && next > lead) {
                bestTotal = total;
                bestMargin = Double.isInfinite(lead) ? Math.min(0, next - 1) : (lead + next) / 2;
            }
        }
        // a margin below every lead never abstains; keep it finite for the configuration it goes into
        return new Best(Math.max(bestMargin, -NEVER), 100 * bestTotal / questions.size(), questions.size());
    }

    /** {@code predictions} with "" for every question whose lead is below {@code margin}. */
    public static Map<String, String> abstained(Map<String, String> predictions, Map<String, Double> leads,
                                                double margin) {
        Map<String, String> out = new LinkedHashMap<>();
        predictions.forEach((id, text) -> out.put(id, leads.get(id) < margin ? "" : text));
        return out;
    }

    private static double spanF1(SquadQuestion q, String prediction) {
        return q.answers().isEmpty() ? 0 : SquadScoring.f1(prediction, q.answers());
    }
}
