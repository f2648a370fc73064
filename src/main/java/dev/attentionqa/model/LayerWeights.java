package dev.attentionqa.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One encoder layer's variables as the graph reads them, declared once and shared by every lane. The three
 * attention projections are fused into one [hidden, 3 * hidden] kernel with 1/sqrt(d_k) folded into the query part,
 * and GELU's factor 0.5 is folded into the output kernel: each saves a pass over a big tensor per run. The
 * feed-forward width is padded with zero units where its rows would be a whole multiple of 2 KiB
 * ({@link #paddedWidth}).
 */
record LayerWeights(Operand<TFloat32> qkvKernel, Operand<TFloat32> qkvBias,
                    Operand<TFloat32> attentionOutKernel, Operand<TFloat32> attentionOutBias,
                    Operand<TFloat32> attentionNormGamma, Operand<TFloat32> attentionNormBeta,
                    Operand<TFloat32> intermediateKernel, Operand<TFloat32> intermediateBias,
                    Operand<TFloat32> outputKernel, Operand<TFloat32> outputBias,
                    Operand<TFloat32> outputNormGamma, Operand<TFloat32> outputNormBeta) {

    /** Zero units added to a feed-forward width whose rows are a whole multiple of {@link #ALIASED_ROW_BYTES}. */
    static final int PAD_UNITS = 16;

    /**
     * Row length in bytes at which the dense kernels slow down: on the 2-core build machine one [192, 384] × [384, w]
     * matmul took 4.29 ms at w = 1536 (6 KiB rows) and 3.42 ms at w = 1552, and w = 1024 (4 KiB) was slower than
     * w = 1280 (5 KiB) — rows a multiple of 2 KiB apart share cache sets (README, engine).
     */
    static final int ALIASED_ROW_BYTES = 2048;

    /**
     * The width the graph uses for a feed-forward layer of {@code width} units: {@code width + PAD_UNITS} when
     * {@code width} floats are a whole multiple of {@link #ALIASED_ROW_BYTES}, else {@code width}. The extra units
     * have zero weights and bias, so GELU gives them 0 and the output kernel's zero rows add nothing.
     */
    static int paddedWidth(int width) {
        return width * Float.BYTES % ALIASED_ROW_BYTES == 0 ? width + PAD_UNITS : width;
    }

    /** Declares layer {@code layer}'s variables in {@code variables}, shaped and folded as described above. */
    static LayerWeights read(int layer, BertConfig config, BertWeights weights, WeightVariables variables) {
        int h = config.hiddenSize();
        int inter = config.intermediateSize();
        int pad = paddedWidth(inter) - inter;
        float scale = (float) (1 / Math.sqrt(config.headSize()));
        String q = BertWeights.layer(layer, "attention.self.query");
        String k = BertWeights.layer(layer, "attention.self.key");
        String v = BertWeights.layer(layer, "attention.self.value");
        ArrayTensor qkvKernel = ArrayTensor.concatColumns(weights.get(q + ".weight", h, h).transpose2d().scaled(scale),
                weights.get(k + ".weight", h, h).transpose2d(), weights.get(v + ".weight", h, h).transpose2d());
        ArrayTensor qkvBias = ArrayTensor.concat1d(weights.get(q + ".bias", h).scaled(scale),
                weights.get(k + ".bias", h), weights.get(v + ".bias", h));
        String fused = BertWeights.layer(layer, "attention.self.qkv");
        String attentionOut = BertWeights.layer(layer, "attention.output.dense");
        String attentionNorm = BertWeights.layer(layer, "attention.output.LayerNorm");
        String intermediate = BertWeights.layer(layer, "intermediate.dense");
        String output = BertWeights.layer(layer, "output.dense");
        String outputNorm = BertWeights.layer(layer, "output.LayerNorm");
        Reader r = new Reader(weights, variables);
        return new LayerWeights(variables.variable(fused + ".weight", qkvKernel),
                variables.variable(fused + ".bias", qkvBias),
                variables.variable(attentionOut + ".weight", r.kernel(attentionOut, h, h, 1f)),
                r.vector(attentionOut + ".bias", h),
                r.vector(attentionNorm + ".weight", h), r.vector(attentionNorm + ".bias", h),
                variables.variable(intermediate + ".weight", ArrayTensor.concatColumns(
                        r.kernel(intermediate, h, inter, 1f), zeros(h, pad))), // [h, inter + pad]
                variables.variable(intermediate + ".bias", ArrayTensor.concat1d(
                        weights.get(intermediate + ".bias", inter), zeros(pad))), // [inter + pad]
                variables.variable(output + ".weight",
                        r.kernel(output, inter, h, 0.5f).withZeroRows(pad)), // [inter + pad, h]
                r.vector(output + ".bias", h),
                r.vector(outputNorm + ".weight", h), r.vector(outputNorm + ".bias", h));
    }

    private static ArrayTensor zeros(int... shape) {
        return new ArrayTensor(new float[Math.toIntExact(ArrayTensor.elementCount(shape))], shape);
    }

    private record Reader(BertWeights weights, WeightVariables variables) {

        /** PyTorch's [out, in] weight transposed to [in, out], times {@code scale}. */
        ArrayTensor kernel(String prefix, int in, int out, float scale) {
            ArrayTensor w = weights.get(prefix + ".weight", out, in).transpose2d(); // [in, out]
            return scale == 1f ? w : w.scaled(scale);
        }

        Operand<TFloat32> vector(String name, int size) {
            return variables.variable(name, weights.get(name, size));
        }
    }
}
