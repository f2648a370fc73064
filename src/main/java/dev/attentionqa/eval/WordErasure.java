package dev.attentionqa.eval;

import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Sentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A context with one sentence rewritten to a subset of its words, in text order, separated by single spaces;
 * the other sentences keep their text and move by the change in length.
 *
 * @param context   the rewritten context
 * @param sentences every sentence of it, the rewritten one at the same index
 */
record WordErasure(String context, List<Sentence> sentences) {

    /** Rewrites sentence {@code index} of {@code context} to {@code kept} (words with offsets into {@code context}). */
    static WordErasure keeping(String context, List<Sentence> sentences, int index, List<WordWeight> kept) {
        Sentence old = sentences.get(index);
        StringBuilder text = new StringBuilder();
        kept.stream().sorted(Comparator.comparingInt(WordWeight::start)).forEach(w -> {
            if (w.start() < old.start() || w.end() > old.end()) {
                throw new IllegalArgumentException("word must lie in sentence [" + old.start() + ", " + old.end()
                        + ") (got \"" + w.word() + "\" at [" + w.start() + ", " + w.end() + "))");
            }
            text.append(text.length() == 0 ? "" : " ").append(w.word());
        });
        String rewritten = context.substring(0, old.start()) + text + context.substring(old.end());
        int shift = text.length() - (old.end() - old.start());
        List<Sentence> moved = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            moved.add(i < index ? s : i == index ? new Sentence(s.start(), s.start() + text.length(), text.toString())
                    : new Sentence(s.start() + shift, s.end() + shift, s.text()));
        }
        return new WordErasure(rewritten, moved);
    }
}
