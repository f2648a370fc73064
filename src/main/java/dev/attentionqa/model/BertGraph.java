package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Builds a post-LayerNorm BERT-family encoder (BERT, DistilBERT, RoBERTa) into a TF graph, block by block as in
 * nanoGPT's {@code model.py}:
 * {@code Embeddings → selfAttention → feedForward → encoderLayer → encoder}, with {@link LayerWeights},
 * {@link LayerNorm} and {@link RolloutGraph} beside it. The sequence positions are split into lanes (independent
 * op chains, see {@link #splitIntoLanes}); within a lane hidden states flow as [batch * length, hidden] and are
 * reshaped to heads only inside attention.
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

    private final Graph graph;
    private final Ops tf;
    private final BertConfig config;
    private final BertWeights weights;
    private final WeightVariables variables;
    private final int lanes;
    private final int gradientLayers;
    private Operand<TInt32> batch;
    private Operand<TInt32> seq;

    private BertGraph(Graph graph, BertConfig config, BertWeights weights, int lanes, int gradientLayers) {
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.config = config;
        this.weights = weights;
        this.variables = new WeightVariables(tf);
        this.lanes = lanes;
        this.gradientLayers = gradientLayers;
    }

    /** Output [batch, heads, seq, seq]: attention probabilities of encoder layer {@code layer}. */
    public static String attentionProbs(int layer) {
        return "attention_probs_" + layer;
    }

    /**
     * Builds the whole encoder into {@code graph} with the sequence positions split into {@code lanes} independent
     * chains of ops ({@link EngineOptions} checks the count), grad-attention weighted by gradients in the top
     * {@code gradientLayers} layers (a span head only); the returned variables must be assigned once per session.
     */
    static WeightVariables build(Graph graph, BertConfig config, BertWeights weights, int lanes, int gradientLayers) {
        BertGraph bert = new BertGraph(graph, config, weights, lanes, gradientLayers);
        bert.encoder();
        return bert.variables;
    }

    /**
     * One lane: the encoder's states for a slice of the query positions, [batch * length, hidden], and the
     * [batch, heads, length, 1] ones appended to its queries so that they pick up the key mask (see {@link #keyMask}).
     */
    private record Lane(Operand<TFloat32> hidden, Operand<TInt32> length, Operand<TFloat32> queryOnes) {
    }

    private void encoder() {
        Placeholder<TInt64> inputIds = input(INPUT_IDS);
        Placeholder<TInt64> attentionMask = input(ATTENTION_MASK);
        Placeholder<TInt64> tokenTypeIds = input(TOKEN_TYPE_IDS);
        Operand<TInt32> inputShape = tf.shape(inputIds);
        batch = tf.gather(inputShape, tf.constant(0), tf.constant(0));
        seq = tf.gather(inputShape, tf.constant(1), tf.constant(0));
        Operand<TFloat32> keyMask = keyMask(attentionMask);
        List<Lane> laneStates = splitIntoLanes(Embeddings.build(tf, config, this::weight, inputIds, tokenTypeIds, seq));
        List<Operand<TFloat32>> meanProbs = new ArrayList<>();
        List<List<Operand<TFloat32>>> laneProbs = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            LayerWeights w = LayerWeights.read(layer, config, weights, variables);
            List<Operand<TFloat32>> probs = new ArrayList<>();
            laneStates = encoderLayer(laneStates, keyMask, w, probs);
            laneProbs.add(probs);
            tf.withName(attentionProbs(layer)).identity(join(probs, 2)); // [batch, heads, seq, seq]
            List<Operand<TFloat32>> means = new ArrayList<>();
            for (Operand<TFloat32> p : probs) {
                means.add(tf.math.mean(p, tf.constant(1))); // [batch, length, seq]
            }
            meanProbs.add(join(means, 1)); // [batch, seq, seq]
        }
        tf.withName(MEAN_ATTENTION).stack(meanProbs); // [layers, batch, seq, seq]
        tf.withName(ROLLOUT).identity(RolloutGraph.build(tf, seq, meanProbs)); // [batch, seq, seq]
        List<Operand<TFloat32>> slices = new ArrayList<>();
        for (Lane lane : laneStates) {
            slices.add(tf.reshape(lane.hidden(), shape(batch, lane.length(), tf.constant(config.hiddenSize()))));
        }
        Operand<TFloat32> hidden = tf.withName(LAST_HIDDEN_STATE).identity(join(slices, 1)); // [batch, seq, hidden]
        if (config.hasQaHead()) {
            List<Operand<TFloat32>> logits = qaHead(tf.reshape(hidden, rowsOfHidden()));
            GradientGraph.build(tf, seq, laneProbs, meanProbs, gradientLayers, logits.get(0), logits.get(1),
                    graph.operation(Embeddings.WORD_EMBEDDINGS).<TFloat32>output(0));
        }
    }

    /**
     * Splits [batch * seq, hidden] into {@link #lanes} slices of the sequence positions, as equal as the length
     * allows. Every op after this runs per lane except the key/value concat in attention, so TF's inter-op threads
     * keep every core busy even at batch 1, where one kernel split over threads scales poorly.
     */
    private List<Lane> splitIntoLanes(Operand<TFloat32> embedded) {
        if (lanes == 1) {
            return List.of(new Lane(embedded, seq, queryOnes(seq)));
        }
        List<Operand<TInt32>> lengths = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            // lane i takes positions [seq*i/lanes, seq*(i+1)/lanes)
            lengths.add(tf.math.sub(tf.math.floorDiv(tf.math.mul(seq, tf.constant(i + 1)), tf.constant(lanes)),
                    tf.math.floorDiv(tf.math.mul(seq, tf.constant(i)), tf.constant(lanes))));
        }
        Operand<TFloat32> byPosition = tf.reshape(embedded, shape(batch, seq, tf.constant(config.hiddenSize())));
        List<Output<TFloat32>> parts = tf.splitV(byPosition, tf.stack(lengths), tf.constant(1),
                (long) lanes).output();
        List<Lane> result = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            result.add(new Lane(tf.reshape(parts.get(i), rows(lengths.get(i))), lengths.get(i),
                    queryOnes(lengths.get(i))));
        }
        return result;
    }

    /** Concatenates along {@code axis}; a single part is returned as it is (ConcatV2 needs two inputs). */
    private Operand<TFloat32> join(List<Operand<TFloat32>> parts, int axis) {
        return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(axis));
    }

    private Placeholder<TInt64> input(String name) {
        return tf.withName(name).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, -1)));
    }

    /**
     * (1 - mask) * -max_float as one extra key feature, [batch, heads, seq, 1]. Paired with a query feature of 1
     * ({@link #queryOnes}) it adds the mask to the scores inside the Q·Kᵀ matmul (head size 32 → 33) instead of
     * in a separate pass over the [batch, heads, seq, seq] scores.
     */
    private Operand<TFloat32> keyMask(Operand<TInt64> attentionMask) {
        Operand<TFloat32> mask = tf.dtypes.cast(attentionMask, TFloat32.class);
        Operand<TFloat32> fill = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASK_FILL));
        return tf.broadcastTo(tf.reshape(fill, shape(batch, tf.constant(1), seq, tf.constant(1))),
                shape(batch, tf.constant(config.numHeads()), seq, tf.constant(1))); // [batch, heads, seq, 1]
    }

    /** [batch, heads, length, 1] of ones: the query side of {@link #keyMask}. */
    private Operand<TFloat32> queryOnes(Operand<TInt32> length) {
        return tf.fill(shape(batch, tf.constant(config.numHeads()), length, tf.constant(1)), tf.constant(1f));
    }

    /**
     * Self-attention over all positions for every lane's queries, then each lane's output projection and
     * feed-forward block. Adds each lane's attention probabilities [batch, heads, length, seq] to {@code probs}.
     */
    private List<Lane> encoderLayer(List<Lane> in, Operand<TFloat32> keyMask, LayerWeights w,
                                    List<Operand<TFloat32>> probs) {
        List<List<Output<TFloat32>>> qkv = new ArrayList<>();
        List<Operand<TFloat32>> keys = new ArrayList<>();
        List<Operand<TFloat32>> values = new ArrayList<>();
        for (Lane lane : in) {
            Operand<TFloat32> projected = tf.nn.biasAdd(tf.linalg.matMul(lane.hidden(), w.qkvKernel()),
                    w.qkvBias()); // [batch*length, 3*hidden]
            Operand<TFloat32> heads = tf.linalg.transpose(tf.reshape(projected, shape(batch, lane.length(),
                    tf.constant(3), tf.constant(config.numHeads()), tf.constant(config.headSize()))),
                    tf.constant(new int[] {2, 0, 3, 1, 4})); // [3, batch, heads, length, headSize]
            List<Output<TFloat32>> split = tf.unstack(heads, 3L,
                    Unstack.axis(0L)).output();
            qkv.add(split);
            keys.add(split.get(1));
            values.add(split.get(2));
        }
        Operand<TFloat32> key = tf.concat(List.of(join(keys, 2), keyMask),
                tf.constant(3)); // [batch, heads, seq, headSize + 1]
        Operand<TFloat32> value = join(values, 2); // [batch, heads, seq, headSize]
        List<Lane> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Lane lane = in.get(i);
            Operand<TFloat32> query = tf.concat(List.of(qkv.get(i).get(0), lane.queryOnes()),
                    tf.constant(3)); // [batch, heads, length, headSize + 1]
            Attention attention = selfAttention(query, key, value, lane.length());
            probs.add(attention.probs());
            Operand<TFloat32> projected = tf.nn.biasAdd(tf.linalg.matMul(attention.context(), w.attentionOutKernel()),
                    w.attentionOutBias());
            Operand<TFloat32> attended = LayerNorm.apply(tf, tf.math.add(projected, lane.hidden()), w.attentionNormGamma(),
                    w.attentionNormBeta(), config.layerNormEps());
            out.add(new Lane(feedForward(attended, w), lane.length(), lane.queryOnes()));
        }
        return out;
    }

    private record Attention(Operand<TFloat32> context, Operand<TFloat32> probs) {
    }

    /**
     * Scaled dot-product attention (Vaswani et al. 2017) of one lane's queries [batch, heads, length, headSize + 1]
     * (already scaled by 1/sqrt(d_k), with the mask feature) over every position's keys and values; context as
     * [batch*length, hidden].
     */
    private Attention selfAttention(Operand<TFloat32> query, Operand<TFloat32> key, Operand<TFloat32> value,
                                    Operand<TInt32> length) {
        Operand<TFloat32> scores = tf.train.batchMatMul(query, key, TFloat32.class,
                BatchMatMul.adjY(true)); // [batch, heads, length, seq], masked
        Operand<TFloat32> attentionProbs = tf.nn.softmax(scores); // [batch, heads, length, seq]
        Operand<TFloat32> context = tf.train.batchMatMul(attentionProbs, value,
                TFloat32.class); // [batch, heads, length, headSize]
        Operand<TFloat32> merged = tf.linalg.transpose(context,
                tf.constant(new int[] {0, 2, 1, 3})); // [batch, length, heads, headSize]
        return new Attention(tf.reshape(merged, rows(length)), attentionProbs);
    }

    /** Dense → GELU → dense, residual, LayerNorm; GELU's 0.5 lives in the output kernel. */
    private Operand<TFloat32> feedForward(Operand<TFloat32> hidden, LayerWeights w) {
        Operand<TFloat32> intermediate = twiceGelu(tf.nn.biasAdd(tf.linalg.matMul(hidden, w.intermediateKernel()),
                w.intermediateBias())); // [rows, intermediate]
        Operand<TFloat32> output = tf.nn.biasAdd(tf.linalg.matMul(intermediate, w.outputKernel()),
                w.outputBias()); // [rows, hidden]
        return LayerNorm.apply(tf, tf.math.add(output, hidden), w.outputNormGamma(), w.outputNormBeta(),
                config.layerNormEps());
    }

    /** 2 * exact GELU = x * (1 + erf(x / sqrt(2))); the caller halves it. */
    private Operand<TFloat32> twiceGelu(Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2))))));
        return tf.math.mul(x, cdf);
    }

    /** Start and end logits, [batch, seq] each. */
    private List<Operand<TFloat32>> qaHead(Operand<TFloat32> hidden) {
        Operand<TFloat32> kernel = variable(BertWeights.QA_WEIGHT,
                weights.get(BertWeights.QA_WEIGHT, 2, config.hiddenSize()).transpose2d());
        Operand<TFloat32> bias = weights.has(BertWeights.QA_BIAS) ? weight(BertWeights.QA_BIAS, 2) : tf.zeros(
                tf.constant(new int[] {2}), TFloat32.class);
        Operand<TFloat32> logits = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(hidden, kernel), bias),
                shape(batch, seq, tf.constant(2))); // [batch, seq, 2]
        return List.of(tf.withName(START_LOGITS).gather(logits, tf.constant(0), tf.constant(2)),
                tf.withName(END_LOGITS).gather(logits, tf.constant(1), tf.constant(2))); // [batch, seq] each
    }

    private Operand<TFloat32> weight(String name, int... expectedShape) {
        return variable(name, weights.get(name, expectedShape));
    }

    private Operand<TFloat32> variable(String name, ArrayTensor tensor) {
        return variables.variable(name, tensor);
    }

    /** The shape [batch * length, hidden]; explicit, as -1 cannot be inferred for an empty lane. */
    private Operand<TInt32> rows(Operand<TInt32> length) {
        return shape(tf.math.mul(batch, length), tf.constant(config.hiddenSize()));
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
