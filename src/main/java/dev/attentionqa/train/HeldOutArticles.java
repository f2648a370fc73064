package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last {@code count} articles of a training file, kept out of training so that what is tuned after it (the
 * abstention margin) is tuned on questions the model never saw, and never on the dev sets whose figures are reported.
 * Whole articles are held out: questions of one paragraph, or of one article, share their wording.
 */
public record HeldOutArticles(int count) {

    public HeldOutArticles {
        if (count < 0) {
            throw new IllegalArgumentException("held-out articles must be ≥ 0 (got " + count + ")");
        }
    }

    /** The articles training may read (paragraph contexts per article). */
    public List<List<String>> training(List<List<String>> articles) {
        return articles.subList(0, Math.max(0, articles.size() - count));
    }

    /** The held-out articles. */
    public List<List<String>> heldOut(List<List<String>> articles) {
        return articles.subList(Math.max(0, articles.size() - count), articles.size());
    }

    /** The questions over paragraphs of {@code articles}, in their order. */
    public static List<SquadQuestion> questionsOf(List<SquadQuestion> questions, List<List<String>> articles) {
        Set<String> paragraphs = new HashSet<>();
        articles.forEach(paragraphs::addAll);
        return questions.stream().filter(q -> paragraphs.contains(q.context())).toList();
    }
}
