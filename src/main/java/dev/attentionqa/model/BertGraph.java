package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Builds a post-LayerNorm BERT-family encoder (BERT, DistilBERT, RoBERTa) into a TF graph, block by block as in
 * nanoGPT's {@code model.py}:
 * {@code embeddings → selfAttention → feedForward → encoderLayer → encoder}. Hidden states flow as
 * [batch * seq, hidden] and are reshaped to heads only inside attention.
 */
public final class BertGraph {

    /** Input token ids, TInt64 [batch, seq]. */
    public static final String INPUT_IDS = "input_ids";
    /** Input mask, TInt64 [batch, seq]: 1 for real tokens, 0 for padding. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Input segment ids, TInt64 [batch, seq]. */
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Output [batch, seq, hidden]. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** Output [layers, batch, seq, seq]: every layer's attention averaged over heads. */
    public static final String MEAN_ATTENTION = "mean_attention";
    /**
     * Output [batch, seq, seq]: attention rollout (Abnar &amp; Zuidema 2020) of {@link #MEAN_ATTENTION}, first layer
     * first; computed only when fetched, so it costs nothing otherwise.
     */
    public static final String ROLLOUT = "rollout";
    /** Output [batch, seq] (QA head only). */
    public static final String START_LOGITS = "start_logits";
    /** Output [batch, seq] (QA head only). */
    public static final String END_LOGITS = "end_logits";
    /** Added to scores of padded keys: ONNX export's (1 - mask) * float32 min. */
    private static final float MASK_FILL = -Float.MAX_VALUE;

    private final Ops tf;
    private final BertConfig config;
    private final BertWeights weights;
    private final WeightVariables variables;
    private Operand<TInt32> batch;
    private Operand<TInt32> seq;

    private BertGraph(Graph graph, BertConfig config, BertWeights weights) {
        this.tf = Ops.create(graph);
        this.config = config;
        this.weights = weights;
        this.variables = new WeightVariables(tf);
    }

    /** Output [batch, heads, seq, seq]: attention probabilities of encoder layer {@code layer}. */
    public static String attentionProbs(int layer) {
        return "attention_probs_" + layer;
    }

    /** Builds the whole encoder into {@code graph}; the returned variables must be assigned once per session. */
    static WeightVariables build(Graph graph, BertConfig config, BertWeights weights) {
        BertGraph bert = new BertGraph(graph, config, weights);
        bert.encoder();
        return bert.variables;
    }

    private void encoder() {
        Placeholder<TInt64> inputIds = input(INPUT_IDS);
        Placeholder<TInt64> attentionMask = input(ATTENTION_MASK);
        Placeholder<TInt64> tokenTypeIds = input(TOKEN_TYPE_IDS);
        Operand<TInt32> inputShape = tf.shape(inputIds);
        batch = tf.gather(inputShape, tf.constant(0), tf.constant(0));
        seq = tf.gather(inputShape, tf.constant(1), tf.constant(0));
        Operand<TFloat32> maskAdd = extendedMask(attentionMask);
        Operand<TFloat32> hidden = embeddings(inputIds, tokenTypeIds);
        List<Operand<TFloat32>> meanProbs = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            LayerOutput out = encoderLayer(hidden, maskAdd, layer);
            hidden = out.hidden();
            tf.withName(attentionProbs(layer)).identity(out.attentionProbs());
            meanProbs.add(tf.math.mean(out.attentionProbs(), tf.constant(1))); // [batch, seq, seq]
        }
        tf.withName(MEAN_ATTENTION).stack(meanProbs); // [layers, batch, seq, seq]
        rollout(meanProbs);
        tf.withName(LAST_HIDDEN_STATE).reshape(hidden,
                shape(batch, seq, tf.constant(config.hiddenSize()))); // [batch, seq, hidden]
        if (config.hasQaHead()) {
            qaHead(hidden);
        }
    }

    /** R = A_L · … · A_1 with A = 0.5·W + 0.5·I, W the head-averaged attention with rows renormalised. */
    private void rollout(List<Operand<TFloat32>> meanProbs) {
        Operand<TInt32> positions = tf.range(tf.constant(0), seq, tf.constant(1)); // [seq]
        Operand<TFloat32> halfEye = tf.math.mul(tf.dtypes.cast(tf.math.equal(tf.expandDims(positions, tf.constant(1)),
                tf.expandDims(positions, tf.constant(0))), TFloat32.class), tf.constant(0.5f)); // [seq, seq]
        Operand<TFloat32> rollout = null;
        for (Operand<TFloat32> w : meanProbs) {
            Operand<TFloat32> rowSums = tf.reduceSum(w, tf.constant(-1), ReduceSum.keepDims(true)); // [batch, seq, 1]
            Operand<TFloat32> mixed = tf.math.add(tf.math.mul(tf.math.divNoNan(w, rowSums), tf.constant(0.5f)),
                    halfEye); // [batch, seq, seq]
            rollout = rollout == null ? mixed : tf.train.batchMatMul(mixed, rollout, TFloat32.class); // [batch, seq, seq]
        }
        tf.withName(ROLLOUT).identity(rollout);
    }

    private Placeholder<TInt64> input(String name) {
        return tf.withName(name).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, -1)));
    }

    /** (1 - mask) * -max_float, shaped to broadcast over heads and query positions. */
    private Operand<TFloat32> extendedMask(Operand<TInt64> attentionMask) {
        Operand<TFloat32> mask = tf.dtypes.cast(attentionMask, TFloat32.class);
        Operand<TFloat32> fill = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASK_FILL));
        return tf.reshape(fill, shape(batch, tf.constant(1), tf.constant(1), seq)); // [batch, 1, 1, seq]
    }

    /** Word + segment (absent in DistilBERT) + position embeddings, then LayerNorm. */
    private Operand<TFloat32> embeddings(Operand<TInt64> inputIds, Operand<TInt64> tokenTypeIds) {
        int hidden = config.hiddenSize();
        Operand<TFloat32> sum = tf.gather(weight("embeddings.word_embeddings.weight", config.vocabSize(), hidden),
                inputIds, tf.constant(0)); // [batch, seq, hidden]
        if (config.hasTokenTypeEmbeddings()) {
            Operand<TFloat32> types = tf.gather(weight("embeddings.token_type_embeddings.weight",
                    config.typeVocabSize(), hidden), tokenTypeIds, tf.constant(0)); // [batch, seq, hidden]
            sum = tf.math.add(sum, types);
        }
        Operand<TFloat32> where = tf.gather(weight("embeddings.position_embeddings.weight", config.maxPositions(),
                hidden), positionIds(inputIds), tf.constant(0)); // [seq, hidden] or [batch, seq, hidden]
        Operand<TFloat32> flat = tf.reshape(tf.math.add(sum, where), rowsOfHidden()); // [batch*seq, hidden]
        return layerNorm(flat, "embeddings.LayerNorm");
    }

    /**
     * BERT: 0 … seq-1, [seq]. RoBERTa family, as HF's {@code create_position_ids_from_input_ids}:
     * cumsum(mask) * mask + padding_idx with mask = (input_ids != padding_idx), [batch, seq].
     */
    private Operand<? extends TNumber> positionIds(Operand<TInt64> inputIds) {
        if (!config.positionsFollowPadding()) {
            return tf.range(tf.constant(0), seq, tf.constant(1)); // [seq]
        }
        Operand<TInt64> paddingIdx = tf.constant((long) config.padTokenId());
        Operand<TInt64> mask = tf.dtypes.cast(tf.math.notEqual(inputIds, paddingIdx), TInt64.class); // [batch, seq]
        Operand<TInt64> counted = tf.math.mul(tf.math.cumsum(mask, tf.constant(1)), mask); // [batch, seq]
        return tf.math.add(counted, paddingIdx); // [batch, seq]
    }

    private record LayerOutput(Operand<TFloat32> hidden, Operand<TFloat32> attentionProbs) {
    }

    private LayerOutput encoderLayer(Operand<TFloat32> hidden, Operand<TFloat32> maskAdd, int layer) {
        Attention attention = selfAttention(hidden, maskAdd, layer);
        Operand<TFloat32> projected = dense(attention.context(), BertWeights.layer(layer, "attention.output.dense"));
        Operand<TFloat32> attended = layerNorm(tf.math.add(projected, hidden),
                BertWeights.layer(layer, "attention.output.LayerNorm"));
        return new LayerOutput(feedForward(attended, layer), attention.probs());
    }

    private record Attention(Operand<TFloat32> context, Operand<TFloat32> probs) {
    }

    /**
     * Scaled dot-product attention (Vaswani et al. 2017) with the three projections fused into one matmul
     * ([rows, hidden] @ [hidden, 3 * hidden]) and 1/sqrt(d_k) folded into the query weights at build time, so no
     * pass over the [batch, heads, seq, seq] scores is spent on scaling.
     */
    private Attention selfAttention(Operand<TFloat32> hidden, Operand<TFloat32> maskAdd, int layer) {
        int h = config.hiddenSize();
        float scale = (float) (1 / Math.sqrt(config.headSize()));
        String q = BertWeights.layer(layer, "attention.self.query");
        String k = BertWeights.layer(layer, "attention.self.key");
        String v = BertWeights.layer(layer, "attention.self.value");
        ArrayTensor kernel = ArrayTensor.concatColumns(weights.get(q + ".weight", h, h).transpose2d().scaled(scale),
                weights.get(k + ".weight", h, h).transpose2d(), weights.get(v + ".weight", h, h).transpose2d());
        ArrayTensor bias = ArrayTensor.concat1d(weights.get(q + ".bias", h).scaled(scale), weights.get(k + ".bias", h),
                weights.get(v + ".bias", h));
        String fused = BertWeights.layer(layer, "attention.self.qkv");
        Operand<TFloat32> qkv = tf.nn.biasAdd(tf.linalg.matMul(hidden, variable(fused + ".weight", kernel)),
                variable(fused + ".bias", bias)); // [batch*seq, 3*hidden]
        Operand<TFloat32> heads = tf.linalg.transpose(tf.reshape(qkv, shape(batch, seq, tf.constant(3),
                tf.constant(config.numHeads()), tf.constant(config.headSize()))),
                tf.constant(new int[] {2, 0, 3, 1, 4})); // [3, batch, heads, seq, headSize]
        List<org.tensorflow.Output<TFloat32>> split = tf.unstack(heads, 3L, org.tensorflow.op.core.Unstack.axis(0L)).output();
        Operand<TFloat32> scores = tf.train.batchMatMul(split.get(0), split.get(1), TFloat32.class,
                BatchMatMul.adjY(true)); // [batch, heads, seq, seq], already scaled
        Operand<TFloat32> attentionProbs = tf.nn.softmax(tf.math.add(scores, maskAdd)); // [batch, heads, seq, seq]
        Operand<TFloat32> context = tf.train.batchMatMul(attentionProbs, split.get(2),
                TFloat32.class); // [batch, heads, seq, headSize]
        Operand<TFloat32> merged = tf.linalg.transpose(context,
                tf.constant(new int[] {0, 2, 1, 3})); // [batch, seq, heads, headSize]
        Operand<TFloat32> flat = tf.reshape(merged, rowsOfHidden()); // [batch*seq, hidden]
        return new Attention(flat, attentionProbs);
    }

    /** GELU's factor 0.5 is folded into the output kernel at build time (one pass fewer over [rows, intermediate]). */
    private Operand<TFloat32> feedForward(Operand<TFloat32> hidden, int layer) {
        Operand<TFloat32> intermediate = twiceGelu(dense(hidden, BertWeights.layer(layer, "intermediate.dense"),
                config.hiddenSize(), config.intermediateSize(), 1f)); // [batch*seq, intermediate]
        Operand<TFloat32> output = dense(intermediate, BertWeights.layer(layer, "output.dense"),
                config.intermediateSize(), config.hiddenSize(), 0.5f); // [batch*seq, hidden]
        return layerNorm(tf.math.add(output, hidden), BertWeights.layer(layer, "output.LayerNorm"));
    }

    /** 2 * exact GELU = x * (1 + erf(x / sqrt(2))); the caller halves it. */
    private Operand<TFloat32> twiceGelu(Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2))))));
        return tf.math.mul(x, cdf);
    }

    /** (x @ W) * kernelScale + b with the PyTorch [out, in] weight stored transposed as [in, out]; [rows, in] → [rows, out]. */
    private Operand<TFloat32> dense(Operand<TFloat32> x, String prefix, int in, int out, float kernelScale) {
        ArrayTensor w = weights.get(prefix + ".weight", out, in).transpose2d(); // [in, out]
        Operand<TFloat32> kernel = variable(prefix + ".weight", kernelScale == 1f ? w : w.scaled(kernelScale));
        Operand<TFloat32> bias = weight(prefix + ".bias", out);
        return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, String prefix) {
        return dense(x, prefix, config.hiddenSize(), config.hiddenSize(), 1f);
    }

    /** (x - mean) * rsqrt(var + eps) * gamma + beta; the reciprocal is taken on [rows, 1], not divided per element. */
    private Operand<TFloat32> layerNorm(Operand<TFloat32> x, String prefix) {
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(x, lastAxis, Mean.keepDims(true)); // [rows, 1]
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> inverse = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) config.layerNormEps())));
        int hidden = config.hiddenSize();
        Operand<TFloat32> normed = tf.math.mul(centered, inverse);
        return tf.math.add(tf.math.mul(normed, weight(prefix + ".weight", hidden)), weight(prefix + ".bias", hidden));
    }

    private void qaHead(Operand<TFloat32> hidden) {
        Operand<TFloat32> kernel = variable(BertWeights.QA_WEIGHT,
                weights.get(BertWeights.QA_WEIGHT, 2, config.hiddenSize()).transpose2d());
        Operand<TFloat32> bias = weights.has(BertWeights.QA_BIAS) ? weight(BertWeights.QA_BIAS, 2) : tf.zeros(
                tf.constant(new int[] {2}), TFloat32.class);
        Operand<TFloat32> logits = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(hidden, kernel), bias),
                shape(batch, seq, tf.constant(2))); // [batch, seq, 2]
        tf.withName(START_LOGITS).gather(logits, tf.constant(0), tf.constant(2)); // [batch, seq]
        tf.withName(END_LOGITS).gather(logits, tf.constant(1), tf.constant(2)); // [batch, seq]
    }

    private Operand<TFloat32> weight(String name, int... expectedShape) {
        return variable(name, weights.get(name, expectedShape));
    }

    private Operand<TFloat32> variable(String name, ArrayTensor tensor) {
        return variables.variable(name, tensor);
    }

    /** The shape [-1, hidden] that flattens batch and sequence into rows. */
    private Operand<TInt32> rowsOfHidden() {
        return tf.constant(new int[] {-1, config.hiddenSize()});
    }

    @SafeVarargs
    private Operand<TInt32> shape(Operand<TInt32>... dims) {
        return tf.stack(List.of(dims));
    }
}
