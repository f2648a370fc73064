package dev.attentionqa.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TInt64;

/**
 * A BERT encoder ready to run: owns the TF graph and session built from weights. {@link #run} may be called
 * from several threads at once; {@link #close} releases the native memory.
 */
public final class Encoder implements BatchEncoder, AutoCloseable {

    /** Token id 1 is in every vocabulary ([unused0] in BERT's); the values do not change the cost. */
    private static final long WARM_UP_TOKEN = 1;

    private final Graph graph;
    private final Session session;
    private final BertConfig config;
    private final ModelInfo info;
    private final RunListener listener;

    private Encoder(Graph graph, Session session, BertConfig config, ModelInfo info, RunListener listener) {
        this.graph = graph;
        this.session = session;
        this.config = config;
        this.info = info;
        this.listener = listener;
    }

    /** Builds the graph, opens a session (Grappler remapper off) and assigns the weights once. */
    public static Encoder create(BertWeights weights, BertConfig config, EngineOptions options) {
        return create(weights, config, options, new ModelInfo("unnamed", "unknown"));
    }

    /** Same as {@link #create(BertWeights, BertConfig, EngineOptions)} for a loaded model with its identity. */
    public static Encoder create(LoadedModel model, EngineOptions options) {
        return create(model.weights(), model.config(), options, model.info());
    }

    private static Encoder create(BertWeights weights, BertConfig config, EngineOptions options, ModelInfo info) {
        Graph graph = new Graph();
        try {
            WeightVariables variables = BertGraph.build(graph, config, weights, options.lanes(),
                    options.gradientLayers());
            Session session = new Session(graph, sessionConfig(options));
            try {
                variables.assignAll(session);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            return new Encoder(graph, session, config, info, options.listener());
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * Remapper off: its MatMul+BiasAdd(+GELU) fusion is ~3× slower on these CPUs (measured against ONNX Runtime on the same weights). The GPU options
     * only matter to the GPU native library; the CPU one ignores them.
     */
    public static ConfigProto sessionConfig(EngineOptions options) {
        RewriterConfig rewrites = RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF).build();
        GPUOptions gpu = GPUOptions.newBuilder()
                .setAllowGrowth(options.gpuAllowGrowth())
                .setVisibleDeviceList(options.gpuVisibleDevices())
                .build();
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(options.intraOpThreads())
                .setInterOpParallelismThreads(options.interOpThreads())
                .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
                .setGpuOptions(gpu)
                .build();
    }

    /** The model's configuration. */
    public BertConfig config() {
        return config;
    }

    /** The model's name and revision. */
    public ModelInfo info() {
        return info;
    }

    /** Runs one small batch (1 × 8) so that kernels and memory pools are ready; returns how long it took. */
    public Duration warmUp() {
        return warmUp(1, 8);
    }

    /**
     * Runs one batch of the given shape; TF pays 0.1–0.5 s the first time it meets a new [batch, seq], so
     * warming up at the serving shape moves that cost out of the first request.
     */
    public Duration warmUp(int batch, int seq) {
        long[][] ids = new long[batch][seq];
        for (long[] row : ids) {
            Arrays.fill(row, WARM_UP_TOKEN);
        }
        Set<EncoderOutput.Kind> fetch = config.hasQaHead()
                ? EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION, EncoderOutput.Kind.QA_LOGITS)
                : EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION);
        long start = System.nanoTime();
        run(EncoderInput.unpadded(ids), fetch);
        if (config.hasQaHead()) { // the gradient explanations' ops too: span answers are explained by them by default
            boolean[][] allowed = new boolean[batch][seq];
            for (boolean[] row : allowed) {
                Arrays.fill(row, true);
            }
            run(EncoderInput.unpadded(ids).withTargets(new SpanTargets(new int[batch], new int[batch], allowed)),
                    EnumSet.of(EncoderOutput.Kind.GRAD_ATTENTION));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Encodes one padded batch and copies the requested outputs into Java arrays. */
    public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
        in.validateFor(config);
        if (fetch.isEmpty()) {
            throw new IllegalArgumentException("fetch at least one output kind (got " + fetch + ")");
        }
        if (fetch.contains(EncoderOutput.Kind.QA_LOGITS) && !config.hasQaHead()) {
            throw new IllegalArgumentException("QA_LOGITS needs a model with a qa_outputs head (got "
                    + info.name() + " without one)");
        }
        boolean explains = fetch.stream().anyMatch(EncoderOutput.Kind::needsTargets);
        if (explains && (in.targets() == null || !config.hasQaHead())) {
            throw new IllegalArgumentException(fetch + " needs a model with a qa_outputs head and span targets (got "
                    + (config.hasQaHead() ? "no targets" : info.name() + " without a head") + ")");
        }
        long started = System.nanoTime();
        int batch = in.batchSize();
        int seq = in.seqLength();
        Shape shape = Shape.of(batch, seq);
        try (TInt64 ids = longs(shape, in.inputIds());
                TInt64 mask = longs(shape, in.attentionMask());
                TInt64 types = longs(shape, in.tokenTypeIds())) {
            Session.Runner runner = session.runner()
                    .feed(BertGraph.INPUT_IDS, ids)
                    .feed(BertGraph.ATTENTION_MASK, mask)
                    .feed(BertGraph.TOKEN_TYPE_IDS, types);
            OutputFetch plan = new OutputFetch(fetch, config.numLayers());
            plan.addTo(runner);
            try (SpanTargetFeed targets = explains ? SpanTargetFeed.of(in.targets(), seq) : null;
                    Result result = (targets == null ? runner : targets.addTo(runner)).run()) {
                EncoderOutput out = new EncoderOutput(plan.copyOut(result), batch, seq);
                listener.afterRun(batch, seq, realTokens(in.attentionMask()), System.nanoTime() - started);
                return out;
            }
        }
    }

    /**
     * Integrated gradients of one sequence's span score on its word embeddings, from {@code baselineIds} (null: zero
     * embeddings) in {@code steps} midpoint steps; see {@link IntegratedGradients}.
     */
    @Override
    public InputAttribution integratedGradients(EncoderInput one, long[] baselineIds, int steps) {
        one.validateFor(config);
        if (!config.hasQaHead()) {
            throw new IllegalArgumentException("integrated gradients explain span scores: " + info.name()
                    + " has no qa_outputs head");
        }
        long started = System.nanoTime();
        InputAttribution attribution = new IntegratedGradients(session).attribute(one, baselineIds, steps);
        listener.afterRun(steps, one.seqLength(), (long) steps * realTokens(one.attentionMask()),
                System.nanoTime() - started);
        return attribution;
    }

    private static long realTokens(long[][] mask) {
        long tokens = 0;
        for (long[] row : mask) {
            for (long m : row) {
                tokens += m;
            }
        }
        return tokens;
    }

    private static TInt64 longs(Shape shape, long[][] rows) {
        return TInt64.tensorOf(shape, DataBuffers.of(EncoderInput.flatten(rows), true, false));
    }

    /** Closes the session, then the graph. */
    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
