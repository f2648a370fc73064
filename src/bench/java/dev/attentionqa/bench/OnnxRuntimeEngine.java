package dev.attentionqa.bench;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.OnnxAttentionOutputs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
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
 * oracle and {@code bench engine}'s reference (found through {@link java.util.ServiceLoader}).
 * Measured here: ORT 1.29 segfaults while creating its environment in a JVM started with this project's full
 * {@code -cp} (~300 jars) unless the main thread has {@code -Xss16m}; surefire's manifest-only jar avoids it.
 */
public final class OnnxRuntimeEngine implements ReferenceEngine {

    /** ORT's answer for one batch: hidden [batch, seq, hidden] and per layer [batch, heads, seq, seq]. */
    public record Output(float[] hidden, List<float[]> attention) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> attentionNames;
    private Map<String, OnnxTensor> pinned;
    private int pinnedBatch;
    private int pinnedSeq;

    /** The ServiceLoader's constructor: 2 intra-op threads, the two cores the TF engine's two lanes use. */
    public OnnxRuntimeEngine() throws IOException, OrtException {
        this(2);
    }

    public OnnxRuntimeEngine(int threads) throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = DefaultModel.openOnnx()) {
            onnx = in.readAllBytes();
        }
        OnnxAttentionOutputs.Rewritten rewritten = OnnxAttentionOutputs.addAttentionOutputs(onnx);
        attentionNames = rewritten.attentionOutputs();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Idle ORT threads otherwise spin and steal the cores from TF runs interleaved with them.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(rewritten.model(), options);
        }
    }

    /** Runs one batch, returning hidden states and (if asked) all layers' attention. */
    public Output run(EncoderInput in, boolean withAttention) throws OrtException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            addFeeds(in, feeds);
            Set<String> outputs = new LinkedHashSet<>(List.of("last_hidden_state"));
            if (withAttention) {
                outputs.addAll(attentionNames);
            }
            try (OrtSession.Result result = session.run(feeds, outputs)) {
                List<float[]> attention = new ArrayList<>();
                for (String name : withAttention ? attentionNames : List.<String>of()) {
                    attention.add(floats(result, name));
                }
                return new Output(floats(result, "last_hidden_state"), attention);
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
        long[] hiddenShape = ((TensorInfo) session.getOutputInfo().get("last_hidden_state").getInfo())
                .getShape(); // [batch, seq, hidden], batch and seq symbolic
        long hidden = hiddenShape[hiddenShape.length - 1];
        int heads = DefaultModel.DEFAULT_HEADS;
        pinned = new LinkedHashMap<>();
        pinned.put("last_hidden_state", direct(new long[] {batch, seq, hidden}));
        for (String name : attentionNames) {
            pinned.put(name, direct(new long[] {batch, heads, seq, seq}));
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
        FloatBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(elements * Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        return OnnxTensor.createTensor(env, buffer, shape);
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
        }
    }
}
