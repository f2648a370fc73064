package dev.attentionqa.qa;

/** A candidate answer in one window: sequence positions {@code start ≤ end} and HF's score p_start·p_end. */
public record TokenSpan(int start, int end, double score) {
}
