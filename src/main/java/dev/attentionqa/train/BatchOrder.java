package dev.attentionqa.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The order of one epoch's batches, a pure function of (seed, epoch) so that a resumed run continues exactly where
 * it stopped. Length buckets: the shuffled features are cut into pools of {@link #POOL_BATCHES} batches, each pool
 * sorted by length and cut into batches, and the batches shuffled, so a batch pads to nearly its own length.
 */
public final class BatchOrder {

    /** Batches per length-sorted pool: large enough to group similar lengths, small enough to keep randomness. */
    static final int POOL_BATCHES = 50;

    private BatchOrder() {
    }

    /** Index lists, one per batch (the last may be short), covering every feature once. */
    public static List<int[]> of(List<TrainingFeature> features, int batchSize, long seed, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        Collections.shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        int pool = POOL_BATCHES * batchSize;
        for (int from = 0; from < order.size(); from += pool) {
            List<Integer> slice = new ArrayList<>(order.subList(from, Math.min(order.size(), from + pool)));
            slice.sort(Comparator.comparingInt(i -> features.get(i).length()));
            for (int b = 0; b < slice.size(); b += batchSize) {
                batches.add(slice.subList(b, Math.min(slice.size(), b + batchSize)).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
