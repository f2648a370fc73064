package dev.attentionqa.qa;

import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.tokenize.SpecialTokens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Sentence-transformers embeddings: mean of the last hidden states over {@code [CLS] text [SEP]}, L2-normalised.
 * A text longer than one window is cut into overlapping windows whose embeddings are averaged, weighted by
 * their token counts. Texts are sorted by length and encoded in batches to keep padding small.
 */
public final class SentenceEmbedder {

    private final BatchEncoder encoder;
    private final SpecialTokens special;
    private final int windowTokens;
    private final int stride;
    private final int maxBatch;

    public SentenceEmbedder(BatchEncoder encoder, SpecialTokens special, int maxSeqLen, int docStride, int maxBatch) {
        this.encoder = encoder;
        this.special = special;
        this.windowTokens = maxSeqLen - 2;
        this.stride = Math.min(docStride, windowTokens - 1);
        this.maxBatch = maxBatch;
    }

    /** One unit vector per token sequence (ids without special tokens). */
    public float[][] embed(List<long[]> texts) {
        List<Piece> pieces = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            long[] ids = texts.get(t);
            for (int[] w : TokenWindows.of(ids.length, windowTokens, stride)) {
                pieces.add(new Piece(t, java.util.Arrays.copyOfRange(ids, w[0], w[1])));
            }
        }
        pieces.sort(Comparator.comparingInt(p -> p.ids.length));
        float[][] sums = new float[texts.size()][];
        for (int from = 0; from < pieces.size(); from += maxBatch) {
            encode(pieces.subList(from, Math.min(pieces.size(), from + maxBatch)), sums);
        }
        for (float[] v : sums) {
            Vectors.normalise(v);
        }
        return sums;
    }

    private void encode(List<Piece> batch, float[][] sums) {
        List<long[]> ids = batch.stream().map(p -> p.ids).toList();
        EncoderOutput out = encoder.run(EncoderBatch.of(ids, null, special), EnumSet.of(EncoderOutput.Kind.HIDDEN));
        for (int b = 0; b < batch.size(); b++) {
            int tokens = batch.get(b).ids.length + 2;
            float[] mean = meanPool(out, b, tokens);
            float[] sum = sums[batch.get(b).text];
            if (sum == null) {
                sums[batch.get(b).text] = mean;
            } else {
                Vectors.addScaled(sum, mean, 1f);
            }
        }
    }

    /** Sum of the first {@code tokens} hidden states of sequence {@code b} (the mean times the token count). */
    private static float[] meanPool(EncoderOutput out, int b, int tokens) {
        float[] sum = out.hidden(b, 0).clone();
        for (int s = 1; s < tokens; s++) {
            Vectors.addScaled(sum, out.hidden(b, s), 1f);
        }
        return sum;
    }

    private record Piece(int text, long[] ids) {
    }
}
