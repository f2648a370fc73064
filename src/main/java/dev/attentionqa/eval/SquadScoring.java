package dev.attentionqa.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The official SQuAD scoring rules: lower-case, strip ASCII punctuation, drop a/an/the, collapse white space;
 * exact match and token F1, each the best over the gold answers. The two official scripts differ only where a
 * gold answer normalises to nothing (e.g. "."), see {@link SquadVersion}. Without a version the v2.0 rules apply.
 */
public final class SquadScoring {

    /** Python's {@code string.punctuation}, which the official scripts strip. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final List<String> ARTICLES = List.of("a", "an", "the");

    private SquadScoring() {
    }

    /** The official evaluator's {@code normalize_answer}. */
    static String normalize(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        lower.codePoints().filter(cp -> cp >= 128 || PUNCTUATION.indexOf(cp) < 0).forEach(noPunct::appendCodePoint);
        return String.join(" ", PythonText.split(removeArticles(noPunct.toString())));
    }

    /** Python 3 {@code re.sub(r'\b(a|an|the)\b', ' ', text)}: a match is a whole run of word characters. */
    static String removeArticles(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!PythonText.isWordChar(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = i;
            while (end < text.length() && PythonText.isWordChar(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            String word = text.substring(i, end);
            out.append(ARTICLES.contains(word) ? " " : word);
            i = end;
        }
        return out.toString();
    }

    /** Exact match under the v2.0 rules. */
    public static double exactMatch(String prediction, List<String> golds) {
        return exactMatch(prediction, golds, SquadVersion.V2_0);
    }

    /** F1 under the v2.0 rules. */
    public static double f1(String prediction, List<String> golds) {
        return f1(prediction, golds, SquadVersion.V2_0);
    }

    /** 1 when the normalised prediction equals a normalised gold answer, else 0. */
    public static double exactMatch(String prediction, List<String> golds, SquadVersion version) {
        String p = normalize(prediction);
        return version.golds(golds).stream().anyMatch(a -> normalize(a).equals(p)) ? 1 : 0;
    }

    /** The best token F1 over the gold answers. */
    public static double f1(String prediction, List<String> golds, SquadVersion version) {
        return version.golds(golds).stream().mapToDouble(a -> f1(tokens(prediction), tokens(a), version)).max().orElse(0);
    }

    private static double f1(String[] p, String[] g, SquadVersion version) {
        if (version == SquadVersion.V2_0 && (p.length == 0 || g.length == 0)) {
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

    static String[] tokens(String s) {
        String n = normalize(s);
        return n.isEmpty() ? new String[0] : n.split(" ");
    }
}
