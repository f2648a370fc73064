package dev.attentionqa.model;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Integrated gradients (Sundararajan, Taly &amp; Yan 2017) on the word embeddings: the attribution of position t is
 * (x − x')_t · mean over α of ∇score(x' + α(x − x'))_t, the path integral cut into {@code steps} midpoint steps. The
 * interpolated embeddings are fed in place of the graph's word-embedding lookup ({@link Embeddings#WORD_EMBEDDINGS}),
 * so the encoder runs unchanged; position and segment embeddings stay those of the input, as in Captum's BERT tutorial.
 */
final class IntegratedGradients {

    /** Interpolation points per session run: bounds the activations and gradients held at once. */
    private static final int TOKENS_PER_RUN = 4096;

    private final Session session;

    IntegratedGradients(Session session) {
        this.session = session;
    }

    /**
     * @param one         a single sequence with its span target
     * @param baselineIds x' as token ids (usually [PAD] everywhere but the special tokens); null for x' = 0
     */
    InputAttribution attribute(EncoderInput one, long[] baselineIds, int steps) {
        if (one.batchSize() != 1 || one.targets() == null || one.targets().isDecoded()) {
            throw new IllegalArgumentException("integrated gradients explain one sequence with its span target (got "
                    + one.batchSize() + " sequences, targets " + (one.targets() == null ? "absent"
                    : one.targets().isDecoded() ? "to decode" : "present") + ")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("integrated gradients need at least 1 step (got " + steps + ")");
        }
        int seq = one.seqLength();
        float[] input = lookup(one.inputIds()[0], seq);
        float[] baseline = baselineIds == null ? new float[input.length] : lookup(baselineIds, seq);
        int hidden = input.length / seq;
        double[] gradientSum = new double[input.length];
        int perRun = Math.max(1, Math.min(steps, TOKENS_PER_RUN / seq));
        for (int from = 0; from < steps; from += perRun) {
            int count = Math.min(perRun, steps - from);
            float[] alphas = new float[count];
            for (int i = 0; i < count; i++) {
                alphas[i] = (from + i + 0.5f) / steps;
            }
            float[] gradient = run(one, input, baseline, alphas, GradientGraph.INPUT_GRADIENT, seq * hidden);
            for (int i = 0; i < gradient.length; i++) {
                gradientSum[i] += gradient[i];
            }
        }
        double[] tokens = new double[seq];
        for (int t = 0; t < seq; t++) {
            for (int h = 0; h < hidden; h++) {
                int i = t * hidden + h;
                tokens[t] += (input[i] - baseline[i]) * gradientSum[i] / steps;
            }
        }
        float[] scores = run(one, input, baseline, new float[] {1f, 0f}, GradientGraph.SPAN_SCORE, 2);
        return new InputAttribution(tokens, scores[0], scores[1], steps);
    }

    /** The word embeddings the graph looks up for {@code ids}, [seq * hidden]. */
    private float[] lookup(long[] ids, int seq) {
        try (TInt64 idTensor = TInt64.tensorOf(Shape.of(1, seq), DataBuffers.of(ids, true, false));
                Result result = session.runner().feed(BertGraph.INPUT_IDS, idTensor)
                        .fetch(Embeddings.WORD_EMBEDDINGS).run()) {
            return floats(result, Embeddings.WORD_EMBEDDINGS);
        }
    }

    /** One run at the points x' + α(x − x') of {@code alphas}, fetching {@code output} ({@code size} floats). */
    private float[] run(EncoderInput one, float[] input, float[] baseline, float[] alphas, String output, int size) {
        int seq = one.seqLength();
        int n = alphas.length;
        long[][] ids = new long[n][];
        long[][] mask = new long[n][];
        long[][] types = new long[n][];
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[][] allowed = new boolean[n][];
        float[] points = new float[n * input.length];
        for (int b = 0; b < n; b++) {
            ids[b] = one.inputIds()[0];
            mask[b] = one.attentionMask()[0];
            types[b] = one.tokenTypeIds()[0];
            starts[b] = one.targets().starts()[0];
            ends[b] = one.targets().ends()[0];
            allowed[b] = one.targets().allowed()[0];
            for (int i = 0; i < input.length; i++) {
                points[b * input.length + i] = alphas[b] == 1f ? input[i] : baseline[i] + alphas[b] * (input[i] - baseline[i]);
            }
        }
        Shape shape = Shape.of(n, seq);
        try (TInt64 idTensor = TInt64.tensorOf(shape, DataBuffers.of(EncoderInput.flatten(ids), true, false));
                TInt64 maskTensor = TInt64.tensorOf(shape, DataBuffers.of(EncoderInput.flatten(mask), true, false));
                TInt64 typeTensor = TInt64.tensorOf(shape, DataBuffers.of(EncoderInput.flatten(types), true, false));
                TFloat32 embedded = TFloat32.tensorOf(Shape.of(n, seq, input.length / seq),
                        DataBuffers.of(points, true, false));
                SpanTargetFeed targets = SpanTargetFeed.of(new SpanTargets(starts, ends, allowed), seq);
                Result result = targets.addTo(session.runner()
                        .feed(BertGraph.INPUT_IDS, idTensor)
                        .feed(BertGraph.ATTENTION_MASK, maskTensor)
                        .feed(BertGraph.TOKEN_TYPE_IDS, typeTensor)
                        .feed(Embeddings.WORD_EMBEDDINGS, embedded))
                        .fetch(output).run()) {
            float[] out = floats(result, output);
            if (out.length != size) {
                throw new IllegalStateException(output + " should hold " + size + " values (got " + out.length + ")");
            }
            return out;
        }
    }

    private static float[] floats(Result result, String name) {
        TFloat32 tensor = (TFloat32) result.get(name)
                .orElseThrow(() -> new IllegalStateException("session returned no " + name));
        float[] data = new float[Math.toIntExact(tensor.shape().size())];
        tensor.asRawTensor().data().asFloats().read(data);
        return data;
    }
}
