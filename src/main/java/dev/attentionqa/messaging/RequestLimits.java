package dev.attentionqa.messaging;

import java.util.Set;

/**
 * Bounds a request must respect to be answered; anything outside goes to the dead-letter topic.
 *
 * @param maxValueBytes    size of the whole event value
 * @param maxIdChars       length of {@code id}
 * @param maxQuestionChars length of {@code question}
 * @param maxContextChars  length of {@code context}
 * @param maxTopK          largest {@code options.topK}
 * @param maxTopWords      largest {@code options.topWords}
 * @param explanations     accepted {@code options.explanation} names
 * @param modes            accepted {@code options.mode} names (the answer modes this worker has a model for)
 */
public record RequestLimits(int maxValueBytes, int maxIdChars, int maxQuestionChars, int maxContextChars,
                            int maxTopK, int maxTopWords, Set<String> explanations, Set<String> modes) {
}
