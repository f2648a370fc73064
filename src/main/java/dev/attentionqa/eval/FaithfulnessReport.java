package dev.attentionqa.eval;

import java.util.List;
import java.util.Locale;

/**
 * ERASER faithfulness per ranking and rationale size: mean score drops over the measured questions.
 *
 * @param questions questions measured
 * @param skipped   questions left out because their answer sentence has fewer than {@link Faithfulness#MIN_WORDS} words
 * @param rows      one row per (ranking, fraction)
 * @param seconds   wall time
 */
public record FaithfulnessReport(int questions, int skipped, List<Row> rows, double seconds) {

    /** Mean comprehensiveness m(x) − m(x∖r) and sufficiency m(x) − m(r) for one ranking at one rationale size. */
    public record Row(String ranking, double fraction, double comprehensiveness, double sufficiency) {
    }

    /** A plain-text table, one line per row (higher comprehensiveness and lower sufficiency are more faithful). */
    public String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "faithfulness questions=%d skipped=%d seconds=%.1f%n",
                questions, skipped, seconds));
        t.append(String.format(Locale.ROOT, "%-10s %5s %18s %12s%n", "ranking", "k", "comprehensiveness", "sufficiency"));
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "%-10s %4.0f%% %18.4f %12.4f%n", r.ranking(), 100 * r.fraction(),
                    r.comprehensiveness(), r.sufficiency()));
        }
        return t.toString();
    }

    /** The row of one ranking at one fraction. */
    public Row row(String ranking, double fraction) {
        return rows.stream().filter(r -> r.ranking().equals(ranking) && r.fraction() == fraction).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + ranking + " at " + fraction + " (got " + rows + ")"));
    }
}
