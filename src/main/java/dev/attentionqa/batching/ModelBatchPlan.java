package dev.attentionqa.batching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts waiting calls into model batches: sorted by length, so that sequences of similar length share a batch and
 * little compute goes to padding, then filled greedily up to the row and padded-token bounds.
 */
final class ModelBatchPlan {

    /** One waiting call: {@code rows} sequences, the longest {@code length} tokens. */
    record Call(int rows, int length) {
    }

    /** The calls (indices into the input list) of one model batch and its padded length. */
    record Batch(List<Integer> calls, int rows, int paddedLength) {
    }

    private ModelBatchPlan() {
    }

    /** Every call ends in exactly one batch; a call larger than the bounds forms a batch of its own. */
    static List<Batch> of(List<Call> calls, BatchBounds bounds, int maxLength) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> calls.get(i).length()).thenComparingInt(i -> i));
        List<Batch> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int rows = 0;
        int longest = 0;
        for (int i : order) {
            Call call = calls.get(i);
            int newRows = rows + call.rows();
            int newLongest = Math.max(longest, call.length());
            boolean fits = newRows <= bounds.maxRows()
                    && (long) newRows * bounds.padded(newLongest, maxLength) <= bounds.tokenBudget();
            if (!current.isEmpty() && !fits) {
                batches.add(new Batch(List.copyOf(current), rows, bounds.padded(longest, maxLength)));
                current.clear();
                newRows = call.rows();
                newLongest = call.length();
            }
            current.add(i);
            rows = newRows;
            longest = newLongest;
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(List.copyOf(current), rows, bounds.padded(longest, maxLength)));
        }
        return batches;
    }
}
