package dev.attentionqa.qa;

import java.util.List;

/**
 * HF's {@code handle_impossible_answer}: the no-answer score is the smallest p_start[CLS]·p_end[CLS] over the
 * windows, reported as the empty answer "" at offsets 0..0.
 */
public final class NoAnswer {

    private NoAnswer() {
    }

    /** The empty answer scored by the windows' lowest no-answer score. */
    public static Answer of(List<WindowSpans> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no-answer score needs at least one window (got 0)");
        }
        double score = windows.stream().mapToDouble(WindowSpans::nullScore).min().orElseThrow();
        return new Answer("", score, 0, 0);
    }
}
