package dev.attentionqa.model.train;

import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.BertWeights;
import dev.attentionqa.model.Embeddings;
import dev.attentionqa.model.LayerNorm;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A BERT encoder with a span head ({@code BertForQuestionAnswering}) for training: every parameter is one variable
 * under its Hugging Face name in PyTorch's [out, in] layout, so a checkpoint is the variables as they are. The
 * serving graph ({@code BertGraph}) fuses and folds the same weights for speed; a test holds the two to one another.
 * Dropout (Srivastava et al. 2014) sits where HF's BERT has it: after the embeddings, on the attention
 * probabilities, after each dense output.
 */
final class TrainableBert {

    /** Start and end logits, [batch, seq] each. */
    record SpanLogits(Operand<TFloat32> start, Operand<TFloat32> end) {
    }

    /** The graph's inputs: ids, mask and segments [batch, seq]; dropout rate (scalar) and seed (int64 scalar). */
    record Inputs(Operand<TInt64> inputIds, Operand<TInt64> attentionMask, Operand<TInt64> tokenTypeIds,
                  Operand<TFloat32> dropoutRate, Operand<TInt64> dropoutSeed) {
    }

    private static final float MASK_FILL = -1e9f;

    private final Ops tf;
    private final BertConfig config;
    private final TrainableVariables variables;
    private final Inputs in;
    private Operand<TInt32> batch;
    private Operand<TInt32> seq;
    /** Each dropout site gets its own stream: seed (step seed, site). */
    private long dropoutSites;

    private TrainableBert(Ops tf, BertConfig config, TrainableVariables variables, Inputs in) {
        this.tf = tf;
        this.config = config;
        this.variables = variables;
        this.in = in;
    }

    /** Builds encoder and span head, declaring every parameter in {@code variables}. */
    static SpanLogits build(Ops tf, BertConfig config, TrainableVariables variables, Inputs in) {
        return new TrainableBert(tf, config, variables, in).forward();
    }

    private SpanLogits forward() {
        Operand<TInt32> inputShape = tf.shape(in.inputIds());
        batch = tf.gather(inputShape, tf.constant(0), tf.constant(0));
        seq = tf.gather(inputShape, tf.constant(1), tf.constant(0));
        Operand<TFloat32> hidden = dropout(Embeddings.build(tf, config, this::weight, in.inputIds(), in.tokenTypeIds(),
                seq)); // [batch*seq, hidden]
        Operand<TFloat32> maskAdd = tf.reshape(tf.math.mul(tf.math.sub(tf.constant(1f),
                tf.dtypes.cast(in.attentionMask(), TFloat32.class)), tf.constant(MASK_FILL)),
                shape(batch, tf.constant(1), tf.constant(1), seq)); // [batch, 1, 1, seq]
        for (int layer = 0; layer < config.numLayers(); layer++) {
            hidden = encoderLayer(layer, hidden, maskAdd);
        }
        Operand<TFloat32> logits = tf.reshape(dense(BertWeights.QA_WEIGHT.replace(".weight", ""), hidden, 2,
                config.hiddenSize()), shape(batch, seq, tf.constant(2))); // [batch, seq, 2]
        return new SpanLogits(tf.gather(logits, tf.constant(0), tf.constant(2)),
                tf.gather(logits, tf.constant(1), tf.constant(2))); // [batch, seq] each
    }

    private Operand<TFloat32> encoderLayer(int layer, Operand<TFloat32> hidden, Operand<TFloat32> maskAdd) {
        int h = config.hiddenSize();
        Operand<TFloat32> query = heads(dense(name(layer, "attention.self.query"), hidden, h, h));
        Operand<TFloat32> key = heads(dense(name(layer, "attention.self.key"), hidden, h, h));
        Operand<TFloat32> value = heads(dense(name(layer, "attention.self.value"), hidden, h, h));
        Operand<TFloat32> scores = tf.math.add(tf.math.mul(tf.train.batchMatMul(query, key, TFloat32.class,
                BatchMatMul.adjY(true)), tf.constant((float) (1 / Math.sqrt(config.headSize())))),
                maskAdd); // [batch, heads, seq, seq]
        Operand<TFloat32> attentionProbs = dropout(tf.nn.softmax(scores));
        Operand<TFloat32> context = tf.reshape(tf.linalg.transpose(tf.train.batchMatMul(attentionProbs, value,
                TFloat32.class), tf.constant(new int[] {0, 2, 1, 3})),
                tf.constant(new int[] {-1, h})); // [batch*seq, hidden]
        Operand<TFloat32> attended = norm(name(layer, "attention.output.LayerNorm"), tf.math.add(dropout(
                dense(name(layer, "attention.output.dense"), context, h, h)), hidden));
        Operand<TFloat32> intermediate = gelu(dense(name(layer, "intermediate.dense"), attended,
                config.intermediateSize(), h)); // [rows, intermediate]
        return norm(name(layer, "output.LayerNorm"), tf.math.add(dropout(dense(name(layer, "output.dense"),
                intermediate, h, config.intermediateSize())), attended));
    }

    /** [batch*seq, hidden] → [batch, heads, seq, headSize]. */
    private Operand<TFloat32> heads(Operand<TFloat32> x) {
        return tf.linalg.transpose(tf.reshape(x, shape(batch, seq, tf.constant(config.numHeads()),
                tf.constant(config.headSize()))), tf.constant(new int[] {0, 2, 1, 3}));
    }

    /** x · Wᵀ + b with W in PyTorch's [out, in] layout. */
    private Operand<TFloat32> dense(String prefix, Operand<TFloat32> x, int out, int inSize) {
        Operand<TFloat32> w = variables.declare(prefix + ".weight", out, inSize);
        Operand<TFloat32> b = variables.declare(prefix + ".bias", out);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w, MatMul.transposeB(true)), b);
    }

    private Operand<TFloat32> norm(String prefix, Operand<TFloat32> x) {
        return LayerNorm.apply(tf, x, variables.declare(prefix + ".weight", config.hiddenSize()),
                variables.declare(prefix + ".bias", config.hiddenSize()), config.layerNormEps());
    }

    /** Exact GELU: 0.5 · x · (1 + erf(x / √2)). */
    private Operand<TFloat32> gelu(Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x,
                tf.constant((float) (1 / Math.sqrt(2))))));
        return tf.math.mul(tf.math.mul(x, cdf), tf.constant(0.5f));
    }

    /**
     * Inverted dropout: keeps each unit with probability 1 − rate and scales it by 1 / (1 − rate). The mask comes from
     * a stateless generator seeded (step seed, site), so a resumed run draws the same masks; rate 0 is the identity.
     */
    private Operand<TFloat32> dropout(Operand<TFloat32> x) {
        Operand<TInt64> seed = tf.stack(List.of(in.dropoutSeed(), tf.constant(dropoutSites++)));
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), in.dropoutRate());
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(tf.random.statelessRandomUniform(tf.shape(x), seed), keep));
        return tf.math.div(tf.math.mul(x, mask), keep);
    }

    private Operand<TFloat32> weight(String name, int... shape) {
        return variables.declare(BertWeights.BERT_PREFIX + name, shape);
    }

    private static String name(int layer, String suffix) {
        return BertWeights.BERT_PREFIX + BertWeights.layer(layer, suffix);
    }

    @SafeVarargs
    private Operand<TInt32> shape(Operand<TInt32>... dims) {
        return tf.stack(List.of(dims));
    }
}
