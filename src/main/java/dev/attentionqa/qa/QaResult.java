package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;

import java.util.List;

/**
 * What the pipeline returns for one question: answers best first, an optional explanation, its cost, and for span
 * answers the no-answer score p_start[CLS]·p_end[CLS] (the lowest over the windows; null in sentence mode).
 */
public record QaResult(String mode, List<Answer> answers, Explanation explanation, long inferenceMs,
                       Double noAnswerScore) {

    /** A result without a no-answer score (sentence mode). */
    public QaResult(String mode, List<Answer> answers, Explanation explanation, long inferenceMs) {
        this(mode, answers, explanation, inferenceMs, null);
    }
}
