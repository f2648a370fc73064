package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;

import java.util.List;

/** What the pipeline returns for one question: answers best first, an optional explanation, and its cost. */
public record QaResult(String mode, List<Answer> answers, Explanation explanation, long inferenceMs) {
}
