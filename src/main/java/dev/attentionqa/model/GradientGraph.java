package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The score a span answer is explained by, and its gradients, as graph ops beside the encoder (QA head only):
 * score = log p_start(s) + log p_end(e) with HF's softmax (logits outside [CLS] and the context set to −10000).
 * From its gradients:
 * <ul>
 *   <li>{@link #GRAD_ATTENTION}: Chefer, Gur &amp; Wolf (ICCV 2021), rule 6 for self-attention: per layer
 *       Ā = mean over heads of (∇A ⊙ A)⁺, and R = I, then R ← R + Ā·R layer by layer, first layer first. The
 *       gradient weighs the top {@code gradientLayers} layers only; below them Ā = mean over heads of A, the rollout
 *       rule ((I + Ā)/2 up to scale). The backward pass then stops at the lowest weighted layer: a separate pass
 *       weighing the top layer of six costs 1.1–1.2× an answer, all six 2.2×, and on SQuAD the top layer still beat
 *       rollout on both ERASER measures (docs/figures.md, "Explanation faithfulness");</li>
 *   <li>{@link #INPUT_GRADIENT}: d score / d word embeddings summed over the batch, which
 *       {@link IntegratedGradients} reads at interpolated embeddings fed in place of the lookup.</li>
 * </ul>
 * The span is fed ({@link #EXPLAIN_START}, {@link #EXPLAIN_END}) or, when not fed, decoded in the graph as HF does
 * ({@link #DECODED_SPAN}: the best p_start·p_end with start ≤ end &lt; start + {@link SpanTargets#MAX_ANSWER_LENGTH}, both in the
 * context), so that an answer and its explanation can come from one run.
 * Nothing here runs unless fetched, so answers cost the same as without it.
 */
final class GradientGraph {

    /** Input TInt32 [batch]: position of the explained span's first token (the decoded one when not fed). */
    static final String EXPLAIN_START = "explain_start";
    /** Input TInt32 [batch]: position of the explained span's last token (the decoded one when not fed). */
    static final String EXPLAIN_END = "explain_end";
    /** Input TFloat32 [batch, seq]: 1 where the softmax keeps the logit ([CLS] and context), 0 elsewhere. */
    static final String EXPLAIN_MASK = "explain_mask";
    /** Output [batch]: log p_start + log p_end of the explained span. */
    static final String SPAN_SCORE = "span_score";
    /** Output [batch, seq, seq]: gradient-weighted attention relevance, rows the queries. */
    static final String GRAD_ATTENTION = "grad_attention";
    /** Output [seq, hidden]: d Σ score / d word embeddings, summed over the batch. */
    static final String INPUT_GRADIENT = "input_gradient";
    /** Output [batch, 2] (floats holding positions): the span decoded in the graph, first and last token. */
    static final String DECODED_SPAN = "decoded_span";
    /** HF's value for logits that may not take part in the softmax. */
    private static final float MASKED_LOGIT = -10000f;

    private GradientGraph() {
    }

    /**
     * @param laneProbs      per layer (first first), the attention probabilities of each lane [batch, heads, length, seq]
     * @param meanProbs      per layer, the head-averaged attention the encoder already built for rollout [batch, seq, seq]
     * @param gradientLayers how many of the top layers grad-attention weighs by their gradient (more than the model
     *                       has: all)
     * @param wordEmbeddings the word-embedding lookup [batch, seq, hidden], which a caller may feed
     */
    static void build(Ops tf, Operand<TInt32> seq, List<List<Operand<TFloat32>>> laneProbs,
                      List<Operand<TFloat32>> meanProbs, int gradientLayers, Operand<TFloat32> start,
                      Operand<TFloat32> end, Operand<TFloat32> wordEmbeddings) {
        Operand<TFloat32> mask = tf.withName(EXPLAIN_MASK).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> logStart = logSoftmax(tf, start, mask); // [batch, seq]
        Operand<TFloat32> logEnd = logSoftmax(tf, end, mask);
        List<Operand<TInt32>> decoded = decode(tf, seq, mask, logStart, logEnd);
        Operand<TInt32> startAt = tf.withName(EXPLAIN_START).placeholderWithDefault(decoded.get(0), Shape.of(-1));
        Operand<TInt32> endAt = tf.withName(EXPLAIN_END).placeholderWithDefault(decoded.get(1), Shape.of(-1));
        Operand<TFloat32> score = tf.withName(SPAN_SCORE).math.add(at(tf, logStart, startAt, seq),
                at(tf, logEnd, endAt, seq)); // [batch]
        tf.withName(DECODED_SPAN).dtypes.cast(tf.stack(List.of(startAt, endAt), Stack.axis(1L)), TFloat32.class);
        int plain = Math.max(0, laneProbs.size() - gradientLayers); // the lowest layers, read without a gradient
        List<Operand<?>> xs = new ArrayList<>();
        laneProbs.subList(plain, laneProbs.size()).forEach(xs::addAll);
        xs.add(wordEmbeddings);
        // the rows of a batch are independent, so the gradient of the sum is each row's own gradient
        List<Output<?>> grads = tf.gradients(tf.sum(score, tf.constant(0)), xs).dy();
        tf.withName(INPUT_GRADIENT).sum(cast(grads.get(grads.size() - 1)), tf.constant(0)); // [seq, hidden]
        Operand<TFloat32> relevance = null;
        for (int layer = 0; layer < laneProbs.size(); layer++) {
            int lanes = laneProbs.get(layer).size(); // grads holds the weighted layers' lanes in order
            Operand<TFloat32> mean = layer < plain ? meanProbs.get(layer) : gradientWeighted(tf, laneProbs.get(layer),
                    grads.subList((layer - plain) * lanes, (layer - plain + 1) * lanes)); // [batch, seq, seq]
            relevance = relevance == null ? tf.math.add(identity(tf, seq), mean) // Ā·I + I
                    : tf.math.add(relevance, tf.train.batchMatMul(mean, relevance, TFloat32.class));
        }
        tf.withName(GRAD_ATTENTION).identity(relevance);
    }

    /** mean over heads of (∇A ⊙ A)⁺, the lanes joined along the query axis: [batch, seq, seq]. */
    private static Operand<TFloat32> gradientWeighted(Ops tf, List<Operand<TFloat32>> lanes, List<Output<?>> grads) {
        List<Operand<TFloat32>> weighted = new ArrayList<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            Operand<TFloat32> positive = tf.nn.relu(tf.math.mul(lanes.get(lane), cast(grads.get(lane))));
            weighted.add(tf.math.mean(positive, tf.constant(1))); // [batch, length, seq]
        }
        return weighted.size() == 1 ? weighted.get(0) : tf.concat(weighted, tf.constant(1));
    }

    /** HF's softmax: logits outside the mask set to −10000, then log softmax, [batch, seq]. */
    private static Operand<TFloat32> logSoftmax(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> mask) {
        return tf.nn.logSoftmax(tf.math.add(tf.math.mul(logits, mask),
                tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASKED_LOGIT))));
    }

    /**
     * HF's decode of the best span: argmax of log p_start(s) + log p_end(e) over s ≤ e &lt; s + max length, both
     * masked in and neither [CLS]; the first of equal scores in (s, e) order, as numpy's argmax and the Java decoder.
     */
    private static List<Operand<TInt32>> decode(Ops tf, Operand<TInt32> seq, Operand<TFloat32> mask,
                                                Operand<TFloat32> logStart, Operand<TFloat32> logEnd) {
        Operand<TInt32> positions = tf.range(tf.constant(0), seq, tf.constant(1));
        Operand<TInt32> length = tf.math.sub(tf.expandDims(positions, tf.constant(0)),
                tf.expandDims(positions, tf.constant(1))); // [s, e]: e − s
        Operand<TBool> band = tf.math.logicalAnd(tf.math.greaterEqual(length, tf.constant(0)),
                tf.math.less(length, tf.constant(SpanTargets.MAX_ANSWER_LENGTH)));
        Operand<TBool> context = tf.math.logicalAnd(tf.math.greater(mask, tf.constant(0.5f)),
                tf.math.notEqual(tf.expandDims(positions, tf.constant(0)), tf.constant(0))); // [batch, seq], not [CLS]
        Operand<TBool> valid = tf.math.logicalAnd(tf.math.logicalAnd(tf.expandDims(band, tf.constant(0)),
                tf.expandDims(context, tf.constant(2))), tf.expandDims(context, tf.constant(1))); // [batch, s, e]
        Operand<TFloat32> pairs = tf.math.add(tf.expandDims(logStart, tf.constant(2)), tf.expandDims(logEnd,
                tf.constant(1)));
        Operand<TFloat32> scores = tf.select(valid, pairs, tf.fill(tf.shape(pairs), tf.constant(-Float.MAX_VALUE)));
        Operand<TInt32> best = tf.math.argMax(tf.reshape(scores, tf.stack(List.of(tf.constant(-1),
                tf.math.mul(seq, seq)))), tf.constant(1), TInt32.class); // [batch]
        return List.of(tf.math.floorDiv(best, seq), tf.math.floorMod(best, seq));
    }

    /** The log-probabilities at {@code positions}, [batch]. */
    private static Operand<TFloat32> at(Ops tf, Operand<TFloat32> logProbabilities, Operand<TInt32> positions,
                                        Operand<TInt32> seq) {
        Operand<TFloat32> oneHot = tf.oneHot(positions, seq, tf.constant(1f), tf.constant(0f)); // [batch, seq]
        return tf.reduceSum(tf.math.mul(logProbabilities, oneHot), tf.constant(1), ReduceSum.keepDims(false));
    }

    /** [seq, seq] identity. */
    private static Operand<TFloat32> identity(Ops tf, Operand<TInt32> seq) {
        Operand<TInt32> positions = tf.range(tf.constant(0), seq, tf.constant(1));
        return tf.dtypes.cast(tf.math.equal(tf.expandDims(positions, tf.constant(1)),
                tf.expandDims(positions, tf.constant(0))), TFloat32.class);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> cast(Output<?> gradient) {
        return (Operand<TFloat32>) gradient;
    }
}
