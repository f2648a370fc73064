package dev.attentionqa.bench;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.BertWeights;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.OnnxAttentionOutputs;
import dev.attentionqa.model.OnnxQaHead;
import dev.attentionqa.model.OnnxWeightsReader;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime running the default MiniLM file with every layer's attention added as an output: the parity tests'
 * oracle and {@code bench engine}'s reference (found through {@link java.util.ServiceLoader}). Given a model
 * fine-tuned from MiniLM (the bundled span model), it runs the same graph with that model's weights in place of the
 * file's initializers and its span head added ({@link OnnxQaHead}), so both engines run the same weights.
 * Measured here: ORT 1.29 segfaults while creating its environment in a JVM started with this project's full
 * {@code -cp} (~300 jars) unless the main thread has {@code -Xss16m}; surefire's manifest-only jar avoids it.
 */
public final class OnnxRuntimeEngine implements ReferenceEngine {

    /**
     * ONNX Runtime's answer for one batch: hidden [batch, seq, hidden], per layer [batch, heads, seq, seq] and, for a
     * span model, the span logits [batch, seq, 2] (else null).
     */
    public record Output(float[] hidden, List<float[]> attention, float[] qaLogits) {
    }

    /** The service {@code bench engine} finds: builds the reference for the model the worker serves. */
    public static final class Factory implements ReferenceEngineFactory {
        @Override
        public ReferenceEngine create(LoadedModel model, int threads) {
            try {
                return new OnnxRuntimeEngine(threads, model);
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("cannot start ONNX Runtime on " + model.info().name(), e);
            }
        }
    }

    private static final String HIDDEN = "last_hidden_state";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> attentionNames;
    private final boolean spanHead;
    /** Replaced initializers: ONNX Runtime reads their memory for the session's life, so they close after it. */
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private Map<String, OnnxTensor> pinned;
    private int pinnedBatch;
    private int pinnedSeq;

    /** The bundled MiniLM file as it is, on 2 intra-op threads (the two cores the TF engine's two lanes use). */
    public OnnxRuntimeEngine() throws IOException, OrtException {
        this(2);
    }

    public OnnxRuntimeEngine(int threads) throws IOException, OrtException {
        this(threads, null);
    }

    /**
     * The MiniLM graph running {@code model}'s weights (null: the file's own), with a span head when the model has
     * one.
     */
    public OnnxRuntimeEngine(int threads, LoadedModel model) throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = DefaultModel.openOnnx()) {
            onnx = in.readAllBytes();
        }
        OnnxAttentionOutputs.Rewritten rewritten = OnnxAttentionOutputs.addAttentionOutputs(onnx);
        attentionNames = rewritten.attentionOutputs();
        spanHead = model != null && model.config().hasQaHead();
        byte[] graph = spanHead ? OnnxQaHead.add(rewritten.model(), model.weights().get(BertWeights.QA_WEIGHT),
                model.weights().get(BertWeights.QA_BIAS)) : rewritten.model();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Idle ORT threads otherwise spin and steal the cores from TF runs interleaved with them.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (model != null) {
                replaceInitializers(onnx, model.weights(), options);
            }
            session = env.createSession(graph, options);
        } catch (IOException | OrtException | RuntimeException e) {
            initializers.forEach(OnnxTensor::close);
            throw e;
        }
    }

    private void replaceInitializers(byte[] onnx, BertWeights weights, OrtSession.SessionOptions options)
            throws IOException, OrtException {
        Map<String, ArrayTensor> values = OnnxWeightsReader.initializersFrom(new ByteArrayInputStream(onnx),
                weights);
        for (Map.Entry<String, ArrayTensor> value : values.entrySet()) {
            int[] dims = value.getValue().shape();
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = dims[i];
            }
            FloatBuffer data = directBuffer(value.getValue().data().length).put(value.getValue().data());
            OnnxTensor tensor = OnnxTensor.createTensor(env, data.rewind(), shape); // direct: ORT reads it in place
            initializers.add(tensor);
            options.addInitializer(value.getKey(), tensor);
        }
    }

    /** Runs one batch, returning hidden states and (if asked) all layers' attention. */
    public Output run(EncoderInput in, boolean withAttention) throws OrtException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            addFeeds(in, feeds);
            Set<String> outputs = new LinkedHashSet<>(List.of(HIDDEN));
            if (withAttention) {
                outputs.addAll(attentionNames);
            }
            if (spanHead) {
                outputs.add(OnnxQaHead.QA_LOGITS);
            }
            try (OrtSession.Result result = session.run(feeds, outputs)) {
                List<float[]> attention = new ArrayList<>();
                for (String name : withAttention ? attentionNames : List.<String>of()) {
                    attention.add(floats(result, name));
                }
                return new Output(floats(result, HIDDEN), attention,
                        spanHead ? floats(result, OnnxQaHead.QA_LOGITS) : null);
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** The three [batch, seq] inputs, added one by one so that the caller can close whatever was made. */
    private void addFeeds(EncoderInput in, Map<String, OnnxTensor> feeds) throws OrtException {
        long[] shape = {in.batchSize(), in.seqLength()};
        feeds.put("input_ids", longs(in.inputIds(), shape));
        feeds.put("attention_mask", longs(in.attentionMask(), shape));
        feeds.put("token_type_ids", longs(in.tokenTypeIds(), shape));
    }

    private OnnxTensor longs(long[][] rows, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(EncoderInput.flatten(rows)), shape);
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    @Override
    public String name() {
        return "ort";
    }

    /** Whether this reference computes span logits (it was given a model with a span head). */
    public boolean hasSpanHead() {
        return spanHead;
    }

    /**
     * The benchmark's call: hidden states and every layer's attention written by ORT straight into direct buffers
     * kept for the current shape (pinned outputs), so that the reference pays no copy into Java arrays; the TF side
     * does copy its outputs. This is the fastest way we found to get ORT's attention into the JVM.
     */
    @Override
    public void run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
        EncoderInput in = new EncoderInput(inputIds, attentionMask, tokenTypeIds);
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            Map<String, OnnxTensor> outputs = pinnedOutputs(in.batchSize(), in.seqLength());
            addFeeds(in, feeds);
            try (OrtSession.Result ignored = session.run(feeds, outputs)) {
                // the outputs are in the pinned buffers; the result holds no other tensors
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed", e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** Direct-buffer output tensors for [batch, seq], reused while the shape stays the same. */
    private Map<String, OnnxTensor> pinnedOutputs(int batch, int seq) throws OrtException {
        if (pinned != null && pinnedBatch == batch && pinnedSeq == seq) {
            return pinned;
        }
        closePinned();
        pinned = new LinkedHashMap<>();
        // What the worker fetches: a span model's logits alone; an embedding model's hidden states and attention.
        if (spanHead) {
            pinned.put(OnnxQaHead.QA_LOGITS, direct(new long[] {batch, seq, 2}));
        } else {
            long[] hiddenShape = ((TensorInfo) session.getOutputInfo().get(HIDDEN).getInfo())
                    .getShape(); // [batch, seq, hidden], batch and seq symbolic
            pinned.put(HIDDEN, direct(new long[] {batch, seq, hiddenShape[hiddenShape.length - 1]}));
            for (String name : attentionNames) {
                pinned.put(name, direct(new long[] {batch, DefaultModel.DEFAULT_HEADS, seq, seq}));
            }
        }
        pinnedBatch = batch;
        pinnedSeq = seq;
        return pinned;
    }

    private OnnxTensor direct(long[] shape) throws OrtException {
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        return OnnxTensor.createTensor(env, directBuffer(Math.toIntExact(elements)), shape);
    }

    private static FloatBuffer directBuffer(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void closePinned() {
        if (pinned != null) {
            pinned.values().forEach(OnnxTensor::close);
            pinned = null;
        }
    }

    @Override
    public void close() {
        closePinned();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        } finally {
            initializers.forEach(OnnxTensor::close);
        }
    }
}
