package dev.attentionqa.eval;

/** How one question went: the predicted text and whether its sentence held a gold answer. */
public record QuestionResult(String id, String prediction, int start, int end, boolean sentenceHit,
                             boolean top3Hit, double exactMatch, double f1) {
}
