package dev.attentionqa.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * HF's postprocess, split into its steps: each window's spans to character offsets, the no-answer when asked
 * for, then one merged ranking of the best {@code topK}.
 */
public final class SpanAnswers {

    private SpanAnswers() {
    }

    /** Answers from decoded windows ({@code decoded.get(i)} belongs to {@code windows.get(i)}), best first. */
    public static List<Answer> of(List<SpanWindow> windows, List<WindowSpans> decoded, AnswerOffsets offsets,
                                  SpanOptions options) {
        if (windows.size() != decoded.size()) {
            throw new IllegalArgumentException("one decoded result per window expected (got " + decoded.size()
                    + " for " + windows.size() + " windows)");
        }
        List<Answer> candidates = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            for (TokenSpan span : decoded.get(w).spans()) {
                candidates.add(offsets.answer(windows.get(w), span));
            }
        }
        if (options.handleImpossibleAnswer()) {
            candidates.add(NoAnswer.of(decoded)); // last: a real span wins a tie, as in HF's stable sort
        }
        return SpanMerger.merge(candidates, options.topK());
    }
}
