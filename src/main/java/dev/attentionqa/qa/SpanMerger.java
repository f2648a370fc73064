package dev.attentionqa.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the answers of all windows, as HF's postprocess does (sort by score, keep {@code topK}), except that a
 * character span seen in several overlapping windows is reported once, with its best score.
 */
public final class SpanMerger {

    private SpanMerger() {
    }

    /** Best {@code topK} answers; equal scores keep the order they came in (window order, then rank). */
    public static List<Answer> merge(List<Answer> candidates, int topK) {
        Map<List<Integer>, Answer> best = new LinkedHashMap<>();
        for (Answer a : candidates) {
            best.merge(List.of(a.start(), a.end()), a, (old, now) -> now.score() > old.score() ? now : old);
        }
        List<Answer> answers = new ArrayList<>(best.values());
        answers.sort(Comparator.comparingDouble(Answer::score).reversed()); // stable
        return List.copyOf(answers.subList(0, Math.min(topK, answers.size())));
    }
}
