package dev.attentionqa.qa;

import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.tokenize.SpecialTokens;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Contextual token vectors of one text encoded as a whole: {@code [CLS] window [SEP]} over overlapping windows,
 * each token's last hidden states averaged over the windows that hold it, then L2-normalised. Encoding the
 * whole paragraph (not sentence by sentence) lets attention carry context across sentence boundaries.
 */
public final class TokenStates {

    private final BatchEncoder encoder;
    private final SpecialTokens special;
    private final int windowTokens;
    private final int stride;
    private final int maxBatch;

    public TokenStates(BatchEncoder encoder, SpecialTokens special, int maxSeqLen, int docStride, int maxBatch) {
        this.encoder = encoder;
        this.special = special;
        this.windowTokens = maxSeqLen - 2;
        this.stride = Math.min(docStride, windowTokens - 1);
        this.maxBatch = maxBatch;
    }

    /** One unit vector per token of {@code ids}. */
    public float[][] encode(long[] ids) {
        List<int[]> windows = TokenWindows.of(ids.length, windowTokens, stride);
        float[][] sums = new float[ids.length][];
        for (int from = 0; from < windows.size(); from += maxBatch) {
            List<int[]> batch = windows.subList(from, Math.min(windows.size(), from + maxBatch));
            List<long[]> pieces = new ArrayList<>(batch.size());
            batch.forEach(w -> pieces.add(java.util.Arrays.copyOfRange(ids, w[0], w[1])));
            EncoderInput in = EncoderBatch.of(pieces, null, special);
            EncoderOutput out = encoder.run(in, EnumSet.of(EncoderOutput.Kind.HIDDEN));
            for (int b = 0; b < batch.size(); b++) {
                int[] w = batch.get(b);
                for (int t = w[0]; t < w[1]; t++) {
                    float[] h = out.hidden(b, 1 + t - w[0]); // +1: after [CLS]
                    if (sums[t] == null) {
                        sums[t] = h.clone();
                    } else {
                        Vectors.addScaled(sums[t], h, 1f);
                    }
                }
            }
        }
        for (float[] v : sums) {
            Vectors.normalise(v);
        }
        return sums;
    }
}
