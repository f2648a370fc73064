package dev.attentionqa.model;

import java.util.Map;

/**
 * The test oracle: a plain-Java, double-precision forward pass of a post-LayerNorm BERT-family encoder read
 * straight from a checkpoint's own tensor names (embeddings → self-attention with masked softmax → add & norm →
 * GELU-erf feed-forward → add & norm), plus the {@code qa_outputs} head when present.
 */
final class ReferenceEncoder {

    /** Outputs for a batch: hidden [b][s][h], attention probabilities [layer][b][head][q][k], QA logits [b][s]. */
    record Result(double[][][] hidden, double[][][][][] probs, double[][] startLogits, double[][] endLogits) {
    }

    /** Adds {@code delta} to one attention probability after the softmax, as if it were an input (finite differences). */
    record Nudge(int layer, int head, int query, int key, double delta) {
    }

    private final TestArchitecture arch;
    private final Map<String, ArrayTensor> tensors;
    private final String prefix;
    private final boolean qaHead;
    private Nudge nudge;

    ReferenceEncoder(TestArchitecture arch, Map<String, ArrayTensor> tensors, boolean qaHead) {
        this.arch = arch;
        this.tensors = tensors;
        this.prefix = qaHead ? arch.qaModelPrefix : "";
        this.qaHead = qaHead;
    }

    /** As {@link #forward(long[][], long[][], long[][])} with one attention probability nudged (null: none). */
    Result forward(long[][] ids, long[][] mask, long[][] types, Nudge nudged) {
        nudge = nudged;
        try {
            return forward(ids, mask, types);
        } finally {
            nudge = null;
        }
    }

    /** Runs every sequence of the batch on its own; token types are read only where the model has them. */
    Result forward(long[][] ids, long[][] mask, long[][] types) {
        int batch = ids.length;
        double[][][] hidden = new double[batch][][];
        double[][][][][] probs = new double[TestArchitecture.LAYERS][batch][][][];
        double[][] start = new double[batch][];
        double[][] end = new double[batch][];
        for (int b = 0; b < batch; b++) {
            double[][] x = embeddings(ids[b], types[b]);
            for (int layer = 0; layer < TestArchitecture.LAYERS; layer++) {
                probs[layer][b] = new double[TestArchitecture.HEADS][][];
                x = encoderLayer(x, mask[b], layer, probs[layer][b]);
            }
            hidden[b] = x;
            if (qaHead) {
                double[][] logits = linear(x, "qa_outputs"); // [seq, 2]
                start[b] = column(logits, 0);
                end[b] = column(logits, 1);
            }
        }
        return new Result(hidden, probs, start, end);
    }

    private double[][] embeddings(long[] ids, long[] types) {
        int seq = ids.length;
        int h = TestArchitecture.HIDDEN;
        double[][] x = new double[seq][h];
        long count = 0;
        for (int s = 0; s < seq; s++) {
            long position = s;
            if (arch.positionsFollowPadding()) {
                count += ids[s] != arch.padTokenId ? 1 : 0;
                position = (ids[s] != arch.padTokenId ? count : 0) + arch.padTokenId;
            }
            for (int i = 0; i < h; i++) {
                x[s][i] = at(prefix + "embeddings.word_embeddings.weight", (int) ids[s], i)
                        + at(prefix + "embeddings.position_embeddings.weight", (int) position, i)
                        + (arch.typeVocabSize > 0 ? at(prefix + "embeddings.token_type_embeddings.weight",
                        (int) types[s], i) : 0);
            }
        }
        return layerNorm(x, prefix + "embeddings.LayerNorm");
    }

    private double[][] encoderLayer(double[][] x, long[] mask, int layer, double[][][] probsOut) {
        double[][] context = selfAttention(x, mask, layer, probsOut);
        double[][] attended = layerNorm(add(linear(context, name(layer, TestArchitecture.Module.ATTENTION_OUT)), x),
                name(layer, TestArchitecture.Module.ATTENTION_NORM));
        double[][] inner = linear(attended, name(layer, TestArchitecture.Module.FFN_IN));
        for (double[] row : inner) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 0.5 * row[i] * (1 + erf(row[i] / Math.sqrt(2)));
            }
        }
        return layerNorm(add(linear(inner, name(layer, TestArchitecture.Module.FFN_OUT)), attended),
                name(layer, TestArchitecture.Module.FFN_NORM));
    }

    /** Softmax(q kᵀ / √d) over unmasked keys, per head; fills {@code probsOut[head]} and returns the context. */
    private double[][] selfAttention(double[][] x, long[] mask, int layer, double[][][] probsOut) {
        double[][] q = linear(x, name(layer, TestArchitecture.Module.QUERY));
        double[][] k = linear(x, name(layer, TestArchitecture.Module.KEY));
        double[][] v = linear(x, name(layer, TestArchitecture.Module.VALUE));
        int seq = x.length;
        int d = TestArchitecture.HIDDEN / TestArchitecture.HEADS;
        double[][] context = new double[seq][TestArchitecture.HIDDEN];
        for (int head = 0; head < TestArchitecture.HEADS; head++) {
            probsOut[head] = new double[seq][seq];
            for (int i = 0; i < seq; i++) {
                double[] p = probsOut[head][i];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < seq; j++) {
                    double score = 0;
                    for (int c = 0; c < d; c++) {
                        score += q[i][head * d + c] * k[j][head * d + c];
                    }
                    p[j] = score / Math.sqrt(d);
                    max = mask[j] == 1 ? Math.max(max, p[j]) : max;
                }
                double sum = 0;
                for (int j = 0; j < seq; j++) {
                    p[j] = mask[j] == 1 ? Math.exp(p[j] - max) : 0; // masked keys get probability 0
                    sum += p[j];
                }
                for (int j = 0; j < seq; j++) {
                    p[j] /= sum;
                    if (nudge != null && nudge.layer() == layer && nudge.head() == head && nudge.query() == i
                            && nudge.key() == j) {
                        p[j] += nudge.delta();
                    }
                    for (int c = 0; c < d; c++) {
                        context[i][head * d + c] += p[j] * v[j][head * d + c];
                    }
                }
            }
        }
        return context;
    }

    private String name(int layer, TestArchitecture.Module module) {
        return prefix + arch.layer(layer, module);
    }

    /** y = x Wᵀ + b with PyTorch's [out, in] weight. */
    private double[][] linear(double[][] x, String module) {
        ArrayTensor w = tensors.get(module + ".weight");
        float[] bias = tensors.get(module + ".bias").data();
        int out = w.dim(0);
        int in = w.dim(1);
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += w.data()[o * in + i] * x[r][i];
                }
                y[r][o] = acc;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String module) {
        float[] gamma = tensors.get(module + ".weight").data();
        float[] beta = tensors.get(module + ".bias").data();
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            double mean = 0;
            for (double v : x[r]) {
                mean += v / x[r].length;
            }
            double variance = 0;
            for (double v : x[r]) {
                variance += (v - mean) * (v - mean) / x[r].length;
            }
            y[r] = new double[x[r].length];
            for (int i = 0; i < x[r].length; i++) {
                y[r][i] = (x[r][i] - mean) / Math.sqrt(variance + arch.layerNormEps) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < a[r].length; i++) {
                sum[r][i] = a[r][i] + b[r][i];
            }
        }
        return sum;
    }

    private static double[] column(double[][] x, int c) {
        double[] col = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            col[r] = x[r][c];
        }
        return col;
    }

    private double at(String name, int row, int col) {
        ArrayTensor t = tensors.get(name);
        return t.data()[row * t.dim(1) + col];
    }

    /**
     * erf to ~1e-15: its Maclaurin series below 2.5, the continued fraction of erfc above (both converge fast there),
     * so that finite differences of the reference are as exact as TF's own erf.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        double y;
        if (a < 2.5) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 60; n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            y = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = a;
            for (int n = 80; n >= 1; n--) {
                fraction = a + n / 2.0 / fraction;
            }
            y = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / fraction;
        }
        return x >= 0 ? y : -y;
    }
}
