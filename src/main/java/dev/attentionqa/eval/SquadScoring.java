package dev.attentionqa.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The official SQuAD scoring rules: lower-case, strip punctuation, drop a/an/the, collapse white space;
 * exact match and token F1, each the best over the gold answers. An empty gold list (v2.0 no-answer)
 * is matched only by the empty prediction.
 */
public final class SquadScoring {

    private static final Pattern ARTICLES = Pattern.compile("(?U)\\b(a|an|the)\\b");

    private SquadScoring() {
    }

    /** The official evaluator's normalize_answer. */
    static String normalize(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        lower.codePoints().filter(cp -> !isPunctuation(cp)).forEach(noPunct::appendCodePoint);
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", noArticles.trim().split("(?U)\\s+"));
    }

    /** Python's string.punctuation: ASCII punctuation only, as the official script uses. */
    private static boolean isPunctuation(int cp) {
        return cp < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(cp) >= 0;
    }

    public static double exactMatch(String prediction, List<String> golds) {
        List<String> g = golds.isEmpty() ? List.of("") : golds;
        String p = normalize(prediction);
        return g.stream().anyMatch(a -> normalize(a).equals(p)) ? 1 : 0;
    }

    public static double f1(String prediction, List<String> golds) {
        List<String> g = golds.isEmpty() ? List.of("") : golds;
        return g.stream().mapToDouble(a -> f1(prediction, a)).max().orElse(0);
    }

    private static double f1(String prediction, String gold) {
        String[] p = tokens(prediction);
        String[] g = tokens(gold);
        if (p.length == 0 || g.length == 0) {
            return p.length == g.length ? 1 : 0; // v2.0 rule: both empty is a match
        }
        Map<String, Integer> counts = new HashMap<>();
        Arrays.stream(g).forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String t : p) {
            Integer c = counts.get(t);
            if (c != null && c > 0) {
                counts.put(t, c - 1);
                common++;
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / p.length;
        double recall = (double) common / g.length;
        return 2 * precision * recall / (precision + recall);
    }

    private static String[] tokens(String s) {
        String n = normalize(s);
        return n.isEmpty() ? new String[0] : n.split(" ");
    }
}
