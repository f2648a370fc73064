package dev.attentionqa.train;

/**
 * One training sequence {@code [CLS] question [SEP] window [SEP]} as the span pipeline builds it at inference: token
 * ids and segment ids (unpadded), and the gold start and end positions in the sequence ([CLS], 0, when the answer
 * is not inside this window).
 */
public record TrainingFeature(int[] ids, byte[] types, int start, int end) {

    public TrainingFeature {
        if (ids.length != types.length || start < 0 || end < start || end >= ids.length) {
            throw new IllegalArgumentException("need ids and types of one length and 0 ≤ start ≤ end < length (got "
                    + ids.length + " ids, " + types.length + " types, start " + start + ", end " + end + ")");
        }
    }

    public int length() {
        return ids.length;
    }

    /** Whether the gold answer lies in this window (start is not [CLS]). */
    public boolean hasAnswer() {
        return start > 0;
    }
}
