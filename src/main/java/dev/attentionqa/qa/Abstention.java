package dev.attentionqa.qa;

import java.util.List;

/**
 * When a span answer is withheld: as {@code null_score_diff_threshold} in BERT's {@code run_squad.py} and HF's
 * {@code run_qa}, the best span must beat the no-answer score p_start[CLS]·p_end[CLS] (the lowest over the
 * windows) by {@code margin}, measured in log-probability: abstain when ln(best) − ln(no-answer) &lt; margin. The
 * margin is calibrated on questions held out of training, never on the dev sets whose figures are reported.
 */
public record Abstention(double margin) {

    public Abstention {
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("no-answer margin must be a finite number (got " + margin + ")");
        }
    }

    /** ln(best span score) − ln(no-answer score): how far the best span is ahead; −∞ when there is no span. */
    public static double lead(QaResult result) {
        if (result.noAnswerScore() == null) {
            throw new IllegalArgumentException("abstention needs a span answer's no-answer score (got mode "
                    + result.mode() + ")");
        }
        return result.answers().isEmpty() ? Double.NEGATIVE_INFINITY
                : Math.log(result.answers().get(0).score()) - Math.log(result.noAnswerScore());
    }

    /** Whether {@code result} is withheld. */
    public boolean abstains(QaResult result) {
        return lead(result) < margin;
    }

    /** {@code result} unchanged, or with no answers and no explanation (it would explain a span not given). */
    public QaResult apply(QaResult result) {
        return abstains(result)
                ? new QaResult(result.mode(), List.of(), null, result.inferenceMs(), result.noAnswerScore())
                : result;
    }
}
