package dev.attentionqa.model.train;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EngineOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Owns the graph and session of a {@link SpanTrainingGraph}: one {@link #step} per batch, the parameters and Adam's
 * moments in and out as Java arrays (for checkpoints), and the span logits without dropout (for tests).
 */
public final class SpanTrainer implements AutoCloseable {

    /** Loss and global gradient norm (before clipping) of one step. */
    public record StepResult(float loss, float gradientNorm) {
    }

    private final Graph graph;
    private final Session session;
    private final SpanTrainingGraph step;
    private final TrainingSettings settings;

    private SpanTrainer(Graph graph, Session session, SpanTrainingGraph step, TrainingSettings settings) {
        this.graph = graph;
        this.session = session;
        this.step = step;
        this.settings = settings;
    }

    /**
     * Builds the graph for {@code config} (with a span head) and assigns {@code parameters} (HF names, see
     * {@link InitialParameters}) and {@code moments} (empty: zeros, as a fresh Adam).
     */
    public static SpanTrainer create(BertConfig config, Map<String, ArrayTensor> parameters,
                                     Map<String, ArrayTensor> moments, TrainingSettings settings,
                                     EngineOptions threads) {
        return create(config, parameters, moments, settings, threads, false);
    }

    /**
     * As {@link #create(BertConfig, Map, Map, TrainingSettings, EngineOptions)}; {@code bfloat16} lets Grappler's
     * oneDNN mixed-precision pass run matrix products in bfloat16 (variables and Adam stay float32), which pays only
     * on CPUs with bfloat16 instructions (AVX512_BF16, AMX).
     */
    public static SpanTrainer create(BertConfig config, Map<String, ArrayTensor> parameters,
                                     Map<String, ArrayTensor> moments, TrainingSettings settings,
                                     EngineOptions threads, boolean bfloat16) {
        Graph graph = new Graph();
        try {
            SpanTrainingGraph built = SpanTrainingGraph.build(graph, config, settings);
            Session session = new Session(graph, sessionConfig(threads, bfloat16));
            try {
                built.parameters.assign(session, parameters);
                built.moments.assign(session, moments.isEmpty() ? zerosLike(built.moments) : moments);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            return new SpanTrainer(graph, session, built, settings);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * One AdamW step on {@code batch} at learning rate {@code lr}; {@code t} is the 1-based step number (Adam's bias
     * correction), {@code dropoutSeed} picks the dropout masks.
     */
    public StepResult step(SpanBatch batch, float lr, long t, float dropoutRate, long dropoutSeed) {
        if (t < 1) {
            throw new IllegalArgumentException("step number t must be ≥ 1 (got " + t + ")");
        }
        try (Feeds feeds = new Feeds(batch);
                TFloat32 rate = TFloat32.scalarOf(lr);
                TFloat32 dropout = TFloat32.scalarOf(dropoutRate);
                TInt64 seed = TInt64.scalarOf(dropoutSeed);
                TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(settings.beta1(), t));
                TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(settings.beta2(), t));
                Result result = feeds.into(session.runner())
                        .feed(SpanTrainingGraph.LEARNING_RATE, rate)
                        .feed(SpanTrainingGraph.DROPOUT_RATE, dropout)
                        .feed(SpanTrainingGraph.DROPOUT_SEED, seed)
                        .feed(SpanTrainingGraph.BETA1_POWER, b1)
                        .feed(SpanTrainingGraph.BETA2_POWER, b2)
                        .fetch(step.loss).fetch(step.gradientNorm).addTarget(step.trainStep).run()) {
            return new StepResult(scalar(result, 0), scalar(result, 1));
        }
    }

    /** Loss of {@code batch} with the current parameters, no dropout, no update. */
    public float loss(SpanBatch batch) {
        try (Feeds feeds = new Feeds(batch); Result result = feeds.into(session.runner()).fetch(step.loss).run()) {
            return scalar(result, 0);
        }
    }

    /** Start and end logits [2][batch * seq] (row-major) of {@code input}, no dropout. */
    public float[][] logits(EncoderInput input) {
        Shape shape = Shape.of(input.batchSize(), input.seqLength());
        try (TInt64 ids = longs(shape, input.inputIds());
                TInt64 mask = longs(shape, input.attentionMask());
                TInt64 types = longs(shape, input.tokenTypeIds());
                Result result = session.runner().feed(SpanTrainingGraph.INPUT_IDS, ids)
                        .feed(SpanTrainingGraph.ATTENTION_MASK, mask).feed(SpanTrainingGraph.TOKEN_TYPE_IDS, types)
                        .fetch(step.startLogits).fetch(step.endLogits).run()) {
            float[][] out = new float[2][Math.toIntExact(shape.size())];
            for (int i = 0; i < 2; i++) {
                ((TFloat32) result.get(i)).asRawTensor().data().asFloats().read(out[i]);
            }
            return out;
        }
    }

    /** d loss / d {@code name} on {@code batch} without dropout, unclipped (for the gradient check). */
    float[] gradient(SpanBatch batch, String name) {
        int index = step.parameters.all().indexOf(step.parameters.get(name));
        try (Feeds feeds = new Feeds(batch);
                Result result = feeds.into(session.runner()).fetch(step.gradients.get(index)).run()) {
            float[] out = new float[Math.toIntExact(ArrayTensor.elementCount(step.parameters.get(name).shape()))];
            ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out);
            return out;
        }
    }

    /** Replaces the parameters (every declared name must be present). */
    void assignParameters(Map<String, ArrayTensor> parameters) {
        step.parameters.assign(session, parameters);
    }

    /** The parameters under their Hugging Face names. */
    public Map<String, ArrayTensor> parameters() {
        return step.parameters.read(session);
    }

    /** Adam's first and second moments ({@code adam_m.<name>}, {@code adam_v.<name>}). */
    public Map<String, ArrayTensor> moments() {
        return step.moments.read(session);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static ConfigProto sessionConfig(EngineOptions threads, boolean bfloat16) {
        ConfigProto.Builder config = Encoder.sessionConfig(threads).toBuilder();
        if (bfloat16) {
            config.getGraphOptionsBuilder().getRewriteOptionsBuilder()
                    .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
        }
        return config.build();
    }

    private static Map<String, ArrayTensor> zerosLike(TrainableVariables variables) {
        Map<String, ArrayTensor> zeros = new LinkedHashMap<>();
        for (TrainableVariables.Variable v : variables.all()) {
            zeros.put(v.name(), new ArrayTensor(new float[Math.toIntExact(ArrayTensor.elementCount(v.shape()))],
                    v.shape().clone()));
        }
        return zeros;
    }

    private static float scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }

    private static TInt64 longs(Shape shape, long[][] rows) {
        return TInt64.tensorOf(shape, DataBuffers.of(EncoderInput.flatten(rows), true, false));
    }

    /** The five input tensors of a batch, closed together. */
    private static final class Feeds implements AutoCloseable {
        private final TInt64 ids;
        private final TInt64 mask;
        private final TInt64 types;
        private final TInt32 starts;
        private final TInt32 ends;

        Feeds(SpanBatch batch) {
            EncoderInput in = batch.input();
            Shape shape = Shape.of(in.batchSize(), in.seqLength());
            ids = longs(shape, in.inputIds());
            mask = longs(shape, in.attentionMask());
            types = longs(shape, in.tokenTypeIds());
            starts = TInt32.vectorOf(batch.startPositions());
            ends = TInt32.vectorOf(batch.endPositions());
        }

        Session.Runner into(Session.Runner runner) {
            return runner.feed(SpanTrainingGraph.INPUT_IDS, ids).feed(SpanTrainingGraph.ATTENTION_MASK, mask)
                    .feed(SpanTrainingGraph.TOKEN_TYPE_IDS, types).feed(SpanTrainingGraph.START_POSITIONS, starts)
                    .feed(SpanTrainingGraph.END_POSITIONS, ends);
        }

        @Override
        public void close() {
            ids.close();
            mask.close();
            types.close();
            starts.close();
            ends.close();
        }
    }
}
