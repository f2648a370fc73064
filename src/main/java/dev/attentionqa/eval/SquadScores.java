package dev.attentionqa.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Official-rules scores of a predictions file, in percent. {@code hasAns*} and {@code noAns*} split the
 * questions by whether they have a gold answer (SQuAD v2.0); {@code missing} counts questions without a
 * prediction, scored 0 as the v1.1 script does.
 */
public record SquadScores(SquadVersion version, int total, double exact, double f1, int hasAnsTotal,
                          double hasAnsExact, double hasAnsF1, int noAnsTotal, double noAnsExact, double noAnsF1,
                          int missing) {

    /** The keys and values the official script prints: {@code exact_match}/{@code f1} for v1.1, the v2.0 dict otherwise. */
    public Map<String, Object> official() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (version == SquadVersion.V1_1) {
            out.put("exact_match", exact);
            out.put("f1", f1);
            return out;
        }
        out.put("exact", exact);
        out.put("f1", f1);
        out.put("total", total);
        if (hasAnsTotal > 0) {
            out.put("HasAns_exact", hasAnsExact);
            out.put("HasAns_f1", hasAnsF1);
            out.put("HasAns_total", hasAnsTotal);
        }
        if (noAnsTotal > 0) {
            out.put("NoAns_exact", noAnsExact);
            out.put("NoAns_f1", noAnsF1);
            out.put("NoAns_total", noAnsTotal);
        }
        return out;
    }
}
