package dev.attentionqa.model;

/**
 * The span whose score each sequence of a batch explains (gradient explanations): positions of its first and last
 * token, and where the softmax keeps the logits ([CLS] and the context in HF's question answering).
 *
 * @param starts  first token's position per sequence
 * @param ends    last token's position per sequence
 * @param allowed [batch][seq]: true where a logit takes part in the softmax
 */
public record SpanTargets(int[] starts, int[] ends, boolean[][] allowed) {

    /** Rejects mismatched sizes and spans outside the allowed positions, naming the sequence. */
    public SpanTargets {
        if (starts.length == 0 || starts.length != ends.length || allowed.length != starts.length) {
            throw new InvalidEncoderInputException("span targets need one start, end and mask row per sequence (got "
                    + starts.length + " starts, " + ends.length + " ends, " + allowed.length + " mask rows)");
        }
        for (int b = 0; b < starts.length; b++) {
            int seq = allowed[b].length;
            if (starts[b] < 0 || ends[b] < starts[b] || ends[b] >= seq || !allowed[b][starts[b]] || !allowed[b][ends[b]]) {
                throw new InvalidEncoderInputException("span target " + b + " must satisfy 0 ≤ start ≤ end < " + seq
                        + " on allowed positions (got [" + starts[b] + ", " + ends[b] + "])");
            }
        }
    }

    /** Number of sequences. */
    public int batchSize() {
        return starts.length;
    }

    /** The mask as 0/1 floats, row-major, padded with 0 to {@code seq} positions. */
    float[] flatMask(int seq) {
        float[] flat = new float[starts.length * seq];
        for (int b = 0; b < allowed.length; b++) {
            for (int s = 0; s < Math.min(seq, allowed[b].length); s++) {
                flat[b * seq + s] = allowed[b][s] ? 1f : 0f;
            }
        }
        return flat;
    }
}
