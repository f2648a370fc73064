package dev.attentionqa.eval;

import java.util.List;

/** Which official evaluation script's rules apply: v1.1 ({@code evaluate-v1.1.py}) or v2.0 ({@code evaluate-v2.0.py}). */
public enum SquadVersion {

    /** Every gold answer counts; an empty prediction has F1 0. */
    V1_1,
    /** Gold answers that normalise to nothing are dropped; no gold left means the right answer is "". */
    V2_0;

    /** The version named by a data file's {@code version} field ("1.1", "v2.0"); unknown values fail. */
    public static SquadVersion of(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        if (v.equals("1.1")) {
            return V1_1;
        }
        if (v.equals("2.0")) {
            return V2_0;
        }
        throw new IllegalArgumentException("SQuAD version must be 1.1 or v2.0 (got \"" + version + "\")");
    }

    /**
     * The rules for a data file's {@code version} field: the official v1.1 file says "1.1"; anything else
     * ("v2.0", a custom SQuAD-format file) gets the v2.0 script, which the SQuAD authors also run on v1.1-style data.
     */
    public static SquadVersion forFile(String versionField) {
        String v = versionField.startsWith("v") ? versionField.substring(1) : versionField;
        return v.equals("1.1") ? V1_1 : V2_0;
    }

    /** The gold answers the script scores against. */
    List<String> golds(List<String> answers) {
        if (this == V1_1) {
            return answers.isEmpty() ? List.of("") : answers;
        }
        List<String> kept = answers.stream().filter(a -> !SquadScoring.normalize(a).isEmpty()).toList();
        return kept.isEmpty() ? List.of("") : kept;
    }
}
