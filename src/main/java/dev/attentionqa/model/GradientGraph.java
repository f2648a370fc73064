package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The score a span answer is explained by, and its gradients, as graph ops beside the encoder (QA head only):
 * score = log p_start(s) + log p_end(e) with HF's softmax (logits outside [CLS] and the context set to −10000).
 * From its gradients:
 * <ul>
 *   <li>{@link #GRAD_ATTENTION}: Chefer, Gur &amp; Wolf (ICCV 2021), rule 6 for self-attention: per layer
 *       Ā = mean over heads of (∇A ⊙ A)⁺, and R = I, then R ← R + Ā·R layer by layer, first layer first;</li>
 *   <li>{@link #INPUT_GRADIENT}: d score / d word embeddings summed over the batch, which
 *       {@link IntegratedGradients} reads at interpolated embeddings fed in place of the lookup.</li>
 * </ul>
 * Nothing here runs unless fetched, so answers cost the same as without it.
 */
final class GradientGraph {

    /** Input TInt32 [batch]: position of the explained span's first token. */
    static final String EXPLAIN_START = "explain_start";
    /** Input TInt32 [batch]: position of the explained span's last token. */
    static final String EXPLAIN_END = "explain_end";
    /** Input TFloat32 [batch, seq]: 1 where the softmax keeps the logit ([CLS] and context), 0 elsewhere. */
    static final String EXPLAIN_MASK = "explain_mask";
    /** Output [batch]: log p_start + log p_end of the explained span. */
    static final String SPAN_SCORE = "span_score";
    /** Output [batch, seq, seq]: gradient-weighted attention relevance, rows the queries. */
    static final String GRAD_ATTENTION = "grad_attention";
    /** Output [seq, hidden]: d Σ score / d word embeddings, summed over the batch. */
    static final String INPUT_GRADIENT = "input_gradient";
    /** HF's value for logits that may not take part in the softmax. */
    private static final float MASKED_LOGIT = -10000f;

    private GradientGraph() {
    }

    /**
     * @param laneProbs      per layer (first first), the attention probabilities of each lane [batch, heads, length, seq]
     * @param wordEmbeddings the word-embedding lookup [batch, seq, hidden], which a caller may feed
     */
    static void build(Ops tf, Operand<TInt32> seq, List<List<Operand<TFloat32>>> laneProbs, Operand<TFloat32> start,
                      Operand<TFloat32> end, Operand<TFloat32> wordEmbeddings) {
        Operand<TFloat32> mask = tf.withName(EXPLAIN_MASK).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> score = tf.withName(SPAN_SCORE).math.add(logProbability(tf, start, mask, EXPLAIN_START, seq),
                logProbability(tf, end, mask, EXPLAIN_END, seq)); // [batch]
        List<Operand<?>> xs = new ArrayList<>();
        laneProbs.forEach(xs::addAll);
        xs.add(wordEmbeddings);
        // the rows of a batch are independent, so the gradient of the sum is each row's own gradient
        List<Output<?>> grads = tf.gradients(tf.sum(score, tf.constant(0)), xs).dy();
        tf.withName(INPUT_GRADIENT).sum(cast(grads.get(grads.size() - 1)), tf.constant(0)); // [seq, hidden]
        Operand<TFloat32> relevance = null;
        int next = 0;
        for (List<Operand<TFloat32>> lanes : laneProbs) {
            List<Operand<TFloat32>> weighted = new ArrayList<>();
            for (Operand<TFloat32> probs : lanes) {
                Operand<TFloat32> positive = tf.nn.relu(tf.math.mul(probs, cast(grads.get(next++)))); // (∇A ⊙ A)⁺
                weighted.add(tf.math.mean(positive, tf.constant(1))); // [batch, length, seq]
            }
            Operand<TFloat32> layer = weighted.size() == 1 ? weighted.get(0)
                    : tf.concat(weighted, tf.constant(1)); // [batch, seq, seq]
            relevance = relevance == null ? tf.math.add(identity(tf, seq), layer) // Ā·I + I
                    : tf.math.add(relevance, tf.train.batchMatMul(layer, relevance, TFloat32.class));
        }
        tf.withName(GRAD_ATTENTION).identity(relevance);
    }

    /** log softmax(masked logits) at the position fed as {@code positions}, [batch]. */
    private static Operand<TFloat32> logProbability(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> mask,
                                                    String positions, Operand<TInt32> seq) {
        Operand<TInt32> at = tf.withName(positions).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> masked = tf.math.add(tf.math.mul(logits, mask),
                tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASKED_LOGIT)));
        Operand<TFloat32> oneHot = tf.oneHot(at, seq, tf.constant(1f), tf.constant(0f)); // [batch, seq]
        return tf.reduceSum(tf.math.mul(tf.nn.logSoftmax(masked), oneHot), tf.constant(1), ReduceSum.keepDims(false));
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
