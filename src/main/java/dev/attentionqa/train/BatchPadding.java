package dev.attentionqa.train;

import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.train.SpanBatch;

import java.util.Arrays;
import java.util.List;

/** Pads features into one {@link SpanBatch}: ids with the pad id, mask 0 and segment 0 after each sequence. */
final class BatchPadding {

    private BatchPadding() {
    }

    static SpanBatch of(List<TrainingFeature> features, int[] indices, long padId) {
        int seq = 0;
        for (int i : indices) {
            seq = Math.max(seq, features.get(i).length());
        }
        long[][] ids = new long[indices.length][seq];
        long[][] mask = new long[indices.length][seq];
        long[][] types = new long[indices.length][seq];
        int[] starts = new int[indices.length];
        int[] ends = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            TrainingFeature f = features.get(indices[b]);
            Arrays.fill(ids[b], padId);
            for (int p = 0; p < f.length(); p++) {
                ids[b][p] = f.ids()[p];
                mask[b][p] = 1;
                types[b][p] = f.types()[p];
            }
            starts[b] = f.start();
            ends[b] = f.end();
        }
        return new SpanBatch(new EncoderInput(ids, mask, types), starts, ends);
    }
}
