package dev.attentionqa.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ERASER faithfulness per ranking and rationale size: mean score drops over the measured questions, and per ranking
 * the area over the perturbation curve (AOPC: the mean over the rationale sizes, DeYoung et al. 2020, §4).
 *
 * @param questions questions measured
 * @param skipped   questions left out because their answer sentence has fewer than {@link Faithfulness#MIN_WORDS} words
 * @param rows      one row per (ranking, fraction)
 * @param seconds   wall time
 * @param millisPerAnswer per explanation method, the mean time to explain one answer (one window at a time); empty
 *                  when not measured
 */
public record FaithfulnessReport(int questions, int skipped, List<Row> rows, double seconds,
                                 Map<String, Double> millisPerAnswer) {

    public FaithfulnessReport(int questions, int skipped, List<Row> rows, double seconds) {
        this(questions, skipped, rows, seconds, Map.of());
    }

    /** The same report with the explanation costs. */
    public FaithfulnessReport withMillisPerAnswer(Map<String, Double> costs) {
        return new FaithfulnessReport(questions, skipped, rows, seconds, Map.copyOf(costs));
    }

    /** Mean comprehensiveness m(x) − m(x∖r) and sufficiency m(x) − m(r) for one ranking at one rationale size. */
    public record Row(String ranking, double fraction, double comprehensiveness, double sufficiency) {
    }

    /** A plain-text table, one line per row (higher comprehensiveness and lower sufficiency are more faithful). */
    public String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "faithfulness questions=%d skipped=%d seconds=%.1f%n",
                questions, skipped, seconds));
        int width = Math.max(10, rankings().stream().mapToInt(String::length).max().orElse(0));
        t.append(String.format(Locale.ROOT, "%-" + width + "s %5s %18s %12s%n", "ranking", "k", "comprehensiveness",
                "sufficiency"));
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "%-" + width + "s %4.0f%% %18.4f %12.4f%n", r.ranking(),
                    100 * r.fraction(), r.comprehensiveness(), r.sufficiency()));
        }
        t.append(String.format(Locale.ROOT, "%-" + width + "s %5s %18s %12s%n", "AOPC", "", "comprehensiveness",
                "sufficiency"));
        for (String ranking : rankings()) {
            Double ms = millisPerAnswer.get(ranking);
            t.append(String.format(Locale.ROOT, "%-" + width + "s %5s %18.4f %12.4f%s%n", ranking, "", aopcComprehensiveness(ranking),
                    aopcSufficiency(ranking), ms == null ? "" : String.format(Locale.ROOT, " %10.1f ms/answer", ms)));
        }
        return t.toString();
    }

    /** The rankings, in table order. */
    public List<String> rankings() {
        return rows.stream().map(Row::ranking).distinct().toList();
    }

    /** AOPC comprehensiveness of a ranking: its mean over the rationale sizes (higher is more faithful). */
    public double aopcComprehensiveness(String ranking) {
        return ofRanking(ranking).mapToDouble(Row::comprehensiveness).average().orElseThrow();
    }

    /** AOPC sufficiency of a ranking: its mean over the rationale sizes (lower is more faithful). */
    public double aopcSufficiency(String ranking) {
        return ofRanking(ranking).mapToDouble(Row::sufficiency).average().orElseThrow();
    }

    private java.util.stream.Stream<Row> ofRanking(String ranking) {
        if (rows.stream().noneMatch(r -> r.ranking().equals(ranking))) {
            throw new IllegalArgumentException("no ranking " + ranking + " (got " + rankings() + ")");
        }
        return rows.stream().filter(r -> r.ranking().equals(ranking));
    }

    /** The row of one ranking at one fraction. */
    public Row row(String ranking, double fraction) {
        return rows.stream().filter(r -> r.ranking().equals(ranking) && r.fraction() == fraction).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + ranking + " at " + fraction + " (got " + rows + ")"));
    }
}
