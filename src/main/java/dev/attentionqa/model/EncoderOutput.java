package dev.attentionqa.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What one encoder run returned, copied out of TF tensors into flat Java arrays; only the fetched kinds
 * are present. Shapes: HIDDEN [batch, seq, hidden], MEAN_ATTENTION [layers, batch, seq, seq],
 * ALL_ATTENTION [layers, batch, heads, seq, seq], QA_LOGITS [2, batch, seq] (start, end),
 * ROLLOUT [batch, seq, seq], SPAN_SCORE [batch], GRAD_ATTENTION [batch, seq, seq], DECODED_SPAN [batch, 2]; the
 * last three need {@link EncoderInput#targets()}.
 */
public final class EncoderOutput {

    /** The outputs a caller can ask for; attention for all heads is 12× larger than the head mean. */
    public enum Kind {
        HIDDEN, MEAN_ATTENTION, ALL_ATTENTION, QA_LOGITS, ROLLOUT, SPAN_SCORE, GRAD_ATTENTION, DECODED_SPAN;

        /** Whether the kind explains the targets' spans (and so needs them fed). */
        public boolean needsTargets() {
            return this == SPAN_SCORE || this == GRAD_ATTENTION || this == DECODED_SPAN;
        }
    }

    private final Map<Kind, ArrayTensor> outputs;
    private final int batch;
    private final int seq;

    EncoderOutput(Map<Kind, ArrayTensor> outputs, int batch, int seq) {
        this.outputs = Collections.unmodifiableMap(new EnumMap<>(outputs));
        this.batch = batch;
        this.seq = seq;
    }

    /** Kinds present in this output. */
    public Set<Kind> kinds() {
        return outputs.keySet();
    }

    /** Whether a kind was fetched. */
    public boolean has(Kind kind) {
        return outputs.containsKey(kind);
    }

    /** The flat array and shape of a fetched kind. */
    public ArrayTensor get(Kind kind) {
        ArrayTensor tensor = outputs.get(kind);
        if (tensor == null) {
            throw new IllegalStateException(kind + " was not fetched (got " + outputs.keySet() + ")");
        }
        return tensor;
    }

    /** Number of sequences in the batch. */
    public int batchSize() {
        return batch;
    }

    /** Padded sequence length. */
    public int seqLength() {
        return seq;
    }

    /**
     * The outputs of sequences {@code from … from + count - 1} cut to their first {@code seqLength} positions, as
     * if they had been run alone at that length: padding keys get zero attention, so the real positions' values
     * do not depend on how far a batch was padded.
     */
    public EncoderOutput rows(int from, int count, int seqLength) {
        if (from < 0 || count < 1 || from + count > batch || seqLength < 1 || seqLength > seq) {
            throw new IndexOutOfBoundsException("rows " + from + "+" + count + " of " + batch + ", length "
                    + seqLength + " of " + seq);
        }
        Map<Kind, ArrayTensor> cut = new EnumMap<>(Kind.class);
        outputs.forEach((kind, t) -> {
            int[] starts = new int[t.rank()];
            int[] sizes = t.shape().clone();
            int batchAxis = kind == Kind.MEAN_ATTENTION || kind == Kind.ALL_ATTENTION || kind == Kind.QA_LOGITS ? 1 : 0;
            starts[batchAxis] = from;
            sizes[batchAxis] = count;
            // Positions are the axes after the batch axis (and after the head axis), except hidden's last one.
            int firstSeqAxis = kind == Kind.ALL_ATTENTION ? 3 : batchAxis + 1;
            int lastSeqAxis = kind == Kind.HIDDEN ? 1 : kind == Kind.DECODED_SPAN ? 0 : t.rank() - 1;
            for (int axis = firstSeqAxis; axis <= lastSeqAxis; axis++) {
                sizes[axis] = seqLength;
            }
            cut.put(kind, t.crop(starts, sizes));
        });
        return new EncoderOutput(cut, count, seqLength);
    }

    /** Hidden state of token {@code s} of sequence {@code b}: float[hidden]. */
    public float[] hidden(int b, int s) {
        ArrayTensor t = get(Kind.HIDDEN);
        int size = t.dim(2);
        int from = (index(b, batch, "batch") * seq + index(s, seq, "position")) * size;
        return Arrays.copyOfRange(t.data(), from, from + size);
    }

    /** Head-averaged attention of {@code layer} for sequence {@code b}: [query][key]. */
    public float[][] meanAttention(int layer, int b) {
        ArrayTensor t = get(Kind.MEAN_ATTENTION);
        int block = index(layer, t.dim(0), "layer") * batch + index(b, batch, "batch");
        return square(t.data(), block * seq * seq);
    }

    /** Head-averaged attention of every layer for sequence {@code b}: [layer][query][key]. */
    public float[][][] meanAttentionLayers(int b) {
        float[][][] layers = new float[get(Kind.MEAN_ATTENTION).dim(0)][][];
        for (int layer = 0; layer < layers.length; layer++) {
            layers[layer] = meanAttention(layer, b);
        }
        return layers;
    }

    /** Attention rollout over all layers for sequence {@code b}: [query][key], each row summing to 1. */
    public float[][] rollout(int b) {
        return square(get(Kind.ROLLOUT).data(), index(b, batch, "batch") * seq * seq);
    }

    /** Gradient-weighted attention relevance (Chefer et al. 2021) for sequence {@code b}: [query][key]. */
    public float[][] gradAttention(int b) {
        return square(get(Kind.GRAD_ATTENTION).data(), index(b, batch, "batch") * seq * seq);
    }

    /** The explained span of sequence {@code b}, positions of its first and last token (decoded in the graph unless fed). */
    public int[] decodedSpan(int b) {
        float[] data = get(Kind.DECODED_SPAN).data();
        int at = 2 * index(b, batch, "batch");
        return new int[] {(int) data[at], (int) data[at + 1]};
    }

    /** The explained score log p_start + log p_end of sequence {@code b}'s target span. */
    public float spanScore(int b) {
        return get(Kind.SPAN_SCORE).data()[index(b, batch, "batch")];
    }

    /** Attention of one head of {@code layer} for sequence {@code b}: [query][key]. */
    public float[][] attention(int layer, int b, int head) {
        ArrayTensor t = get(Kind.ALL_ATTENTION);
        int heads = t.dim(2);
        int block = (index(layer, t.dim(0), "layer") * batch + index(b, batch, "batch")) * heads
                + index(head, heads, "head");
        return square(t.data(), block * seq * seq);
    }

    /** Answer-start logits of sequence {@code b}: float[seq]. */
    public float[] startLogits(int b) {
        return logits(0, b);
    }

    /** Answer-end logits of sequence {@code b}: float[seq]. */
    public float[] endLogits(int b) {
        return logits(1, b);
    }

    private float[] logits(int which, int b) {
        int from = (which * batch + index(b, batch, "batch")) * seq;
        return Arrays.copyOfRange(get(Kind.QA_LOGITS).data(), from, from + seq);
    }

    private float[][] square(float[] data, int from) {
        float[][] rows = new float[seq][];
        for (int q = 0; q < seq; q++) {
            rows[q] = Arrays.copyOfRange(data, from + q * seq, from + (q + 1) * seq);
        }
        return rows;
    }

    private static int index(int value, int size, String what) {
        if (value < 0 || value >= size) {
            throw new IndexOutOfBoundsException(what + " index must be in [0, " + size + ") (got " + value + ")");
        }
        return value;
    }
}
