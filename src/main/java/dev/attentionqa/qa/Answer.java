package dev.attentionqa.qa;

/**
 * One answer: {@code text} equals {@code context.substring(start, end)} (UTF-16 offsets).
 * In sentence mode {@code score} is the ranking score: embedding cosine plus the weighted IDF overlap.
 */
public record Answer(String text, double score, int start, int end) {
}
