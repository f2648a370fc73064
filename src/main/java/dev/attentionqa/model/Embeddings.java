package dev.attentionqa.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/** BERT's embedding block as graph ops: word + segment (absent in DistilBERT) + position embeddings, then LayerNorm. */
public final class Embeddings {

    /** The word-embedding lookup [batch, seq, hidden]; integrated gradients feed interpolated embeddings in its place. */
    public static final String WORD_EMBEDDINGS = "word_embeddings";

    /** Declares (once) and reads the variable holding weight {@code name}, checked against {@code shape}. */
    @FunctionalInterface
    public interface Weights {
        Operand<TFloat32> get(String name, int... shape);
    }

    private Embeddings() {
    }

    /** [batch, seq] ids → [batch * seq, hidden]; {@code seq} is the input's length. */
    public static Operand<TFloat32> build(Ops tf, BertConfig config, Weights weights, Operand<TInt64> inputIds,
                                   Operand<TInt64> tokenTypeIds, Operand<TInt32> seq) {
        int hidden = config.hiddenSize();
        Operand<TFloat32> sum = tf.withName(WORD_EMBEDDINGS).gather(weights.get("embeddings.word_embeddings.weight", config.vocabSize(), hidden),
                inputIds, tf.constant(0)); // [batch, seq, hidden]
        if (config.hasTokenTypeEmbeddings()) {
            Operand<TFloat32> types = tf.gather(weights.get("embeddings.token_type_embeddings.weight",
                    config.typeVocabSize(), hidden), tokenTypeIds, tf.constant(0)); // [batch, seq, hidden]
            sum = tf.math.add(sum, types);
        }
        Operand<TFloat32> where = tf.gather(weights.get("embeddings.position_embeddings.weight", config.maxPositions(),
                hidden), positionIds(tf, config, inputIds, seq), tf.constant(0)); // [seq, hidden] or [batch, seq, hidden]
        Operand<TFloat32> flat = tf.reshape(tf.math.add(sum, where),
                tf.constant(new int[] {-1, hidden})); // [batch*seq, hidden]
        return LayerNorm.apply(tf, flat, weights.get("embeddings.LayerNorm.weight", hidden),
                weights.get("embeddings.LayerNorm.bias", hidden), config.layerNormEps());
    }

    /**
     * BERT: 0 … seq-1, [seq]. RoBERTa family, as HF's {@code create_position_ids_from_input_ids}:
     * cumsum(mask) * mask + padding_idx with mask = (input_ids != padding_idx), [batch, seq].
     */
    private static Operand<? extends TNumber> positionIds(Ops tf, BertConfig config, Operand<TInt64> inputIds,
                                                          Operand<TInt32> seq) {
        if (!config.positionsFollowPadding()) {
            return tf.range(tf.constant(0), seq, tf.constant(1)); // [seq]
        }
        Operand<TInt64> paddingIdx = tf.constant((long) config.padTokenId());
        Operand<TInt64> mask = tf.dtypes.cast(tf.math.notEqual(inputIds, paddingIdx), TInt64.class); // [batch, seq]
        Operand<TInt64> counted = tf.math.mul(tf.math.cumsum(mask, tf.constant(1)), mask); // [batch, seq]
        return tf.math.add(counted, paddingIdx); // [batch, seq]
    }
}
