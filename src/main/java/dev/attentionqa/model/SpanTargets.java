package dev.attentionqa.model;

/**
 * The span whose score each sequence of a batch explains (gradient explanations): positions of its first and last
 * token, and where the softmax keeps the logits ([CLS] and the context in HF's question answering). Without starts and
 * ends ({@link #decoded}) the graph decodes each sequence's best span itself, so the answer and its explanation come
 * from one run.
 *
 * @param starts  first token's position per sequence; null: decoded in the graph
 * @param ends    last token's position per sequence; null: decoded in the graph
 * @param allowed [batch][seq]: true where a logit takes part in the softmax
 */
public record SpanTargets(int[] starts, int[] ends, boolean[][] allowed) {

    /** HF's default max_answer_len, the one the graph decodes with. */
    public static final int MAX_ANSWER_LENGTH = 15;

    /** Rejects mismatched sizes and spans outside the allowed positions, naming the sequence. */
    public SpanTargets {
        if ((starts == null) != (ends == null) || allowed.length == 0) {
            throw new InvalidEncoderInputException("span targets need both starts and ends, or neither (decoded), and a"
                    + " mask row per sequence (got " + (starts == null ? "no" : "") + " starts, " + (ends == null ? "no"
                    : "") + " ends, " + allowed.length + " mask rows)");
        }
        if (starts != null) {
            requireSpans(starts, ends, allowed);
        }
    }

    /** The spans the graph decodes (HF's best span, max answer length {@link #MAX_ANSWER_LENGTH}). */
    public static SpanTargets decoded(boolean[][] allowed) {
        return new SpanTargets(null, null, allowed);
    }

    private static void requireSpans(int[] starts, int[] ends, boolean[][] allowed) {
        if (starts.length != ends.length || allowed.length != starts.length) {
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
        return allowed.length;
    }

    /** Whether the graph decodes the spans (no starts and ends given). */
    public boolean isDecoded() {
        return starts == null;
    }

    /** The mask as 0/1 floats, row-major, padded with 0 to {@code seq} positions. */
    float[] flatMask(int seq) {
        float[] flat = new float[allowed.length * seq];
        for (int b = 0; b < allowed.length; b++) {
            for (int s = 0; s < Math.min(seq, allowed[b].length); s++) {
                flat[b * seq + s] = allowed[b][s] ? 1f : 0f;
            }
        }
        return flat;
    }
}
