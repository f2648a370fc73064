package dev.attentionqa.eval;

import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A context rebuilt from some of its words and the answer, in text order, separated by single spaces; the answer is
 * never erased, so the model's probability for it can be read again at its new offsets.
 *
 * @param context the rebuilt context
 * @param start   where the answer starts in it
 * @param end     where the answer ends in it
 */
record SpanErasure(String context, int start, int end) {

    /** Rebuilds a context from {@code kept} (words with offsets into the original context, none inside the answer). */
    static SpanErasure keeping(List<WordWeight> kept, Answer answer) {
        List<WordWeight> parts = new ArrayList<>(kept.size() + 1);
        for (WordWeight w : kept) {
            if (w.end() > answer.start() && w.start() < answer.end()) {
                throw new IllegalArgumentException("a kept word may not overlap the answer [" + answer.start() + ", "
                        + answer.end() + ") (got \"" + w.word() + "\" at [" + w.start() + ", " + w.end() + "))");
            }
            parts.add(w);
        }
        WordWeight answerPart = new WordWeight(answer.text(), answer.start(), answer.end(), 0);
        parts.add(answerPart);
        parts.sort(Comparator.comparingInt(WordWeight::start));
        StringBuilder text = new StringBuilder();
        int start = -1;
        for (WordWeight part : parts) {
            if (text.length() > 0) {
                text.append(' ');
            }
            if (part == answerPart) {
                start = text.length();
            }
            text.append(part.word());
        }
        return new SpanErasure(text.toString(), start, start + answer.text().length());
    }
}
