package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Questions paired with a paragraph that does not hold their answer, as Clark &amp; Gardner (2018) train a reader to
 * tell a paragraph without the answer: half of them another paragraph of the same article that contains none of the
 * gold texts (on topic, hence hard), half a paragraph of another article. Their windows are labelled [CLS], which
 * teaches the span head the no-answer score that abstention reads; SQuAD v1.1 has no unanswerable questions of its own.
 */
public final class NegativeExamples {

    /** Draws per question before giving up on finding a paragraph without its answer. */
    private static final int TRIES = 8;

    private NegativeExamples() {
    }

    /**
     * For a {@code share} of {@code questions} (drawn with {@code seed}), one question over a paragraph of
     * {@code articles} without its answer; the result has no answers and the id {@code <id>-neg}.
     */
    public static List<SquadQuestion> of(List<SquadQuestion> questions, List<List<String>> articles, double share,
                                         long seed) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("negative share must be in [0, 1] (got " + share + ")");
        }
        Map<String, Integer> articleOf = new HashMap<>();
        for (int a = 0; a < articles.size(); a++) {
            for (String p : articles.get(a)) {
                articleOf.putIfAbsent(p, a);
            }
        }
        Random random = new Random(seed);
        List<SquadQuestion> negatives = new ArrayList<>();
        for (SquadQuestion q : questions) {
            if (share == 0 || random.nextDouble() >= share || q.answers().isEmpty()) {
                continue;
            }
            Integer own = articleOf.get(q.context());
            String paragraph = null;
            if (own != null && random.nextBoolean()) {
                paragraph = draw(q, articles.get(own), random);
            }
            for (int i = 0; paragraph == null && articles.size() > 1 && i < TRIES; i++) {
                int other = random.nextInt(articles.size());
                if (own == null || other != own) {
                    paragraph = draw(q, articles.get(other), random);
                }
            }
            if (paragraph != null) {
                negatives.add(new SquadQuestion(q.id() + "-neg", q.question(), paragraph, List.of(), List.of()));
            }
        }
        return negatives;
    }

    /** A paragraph of {@code article} other than the question's own that contains none of its gold texts, or null. */
    private static String draw(SquadQuestion q, List<String> article, Random random) {
        for (int i = 0; i < TRIES; i++) {
            String p = article.get(random.nextInt(article.size()));
            if (!p.equals(q.context()) && lacksAnswers(p, q.answers())) {
                return p;
            }
        }
        return null;
    }

    static boolean lacksAnswers(String paragraph, List<String> answers) {
        String lower = paragraph.toLowerCase(Locale.ROOT);
        return answers.stream().noneMatch(a -> lower.contains(a.toLowerCase(Locale.ROOT)));
    }
}
