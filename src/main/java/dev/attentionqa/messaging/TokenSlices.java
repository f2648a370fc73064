package dev.attentionqa.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Cuts one poll's records into micro-batches of at most {@code maxTokens} model tokens, in order, so that every
 * partition's part of each slice is a prefix of what is left of it; a record larger than that forms a slice alone.
 * The connector hands over whatever one poll returned (up to {@code max.poll.records}) and knows requests only as
 * bytes: a poll of huge contexts would otherwise become one model workload of many times the bound.
 */
final class TokenSlices {

    /** Consecutive items and the model tokens they take together. */
    record Slice<T>(List<T> items, long tokens) {
    }

    private TokenSlices() {
    }

    static <T> List<Slice<T>> of(List<T> items, ToLongFunction<T> tokens, long maxTokens) {
        List<Slice<T>> slices = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long sum = 0;
        for (T item : items) {
            long t = tokens.applyAsLong(item);
            if (!current.isEmpty() && sum + t > maxTokens) {
                slices.add(new Slice<>(List.copyOf(current), sum));
                current.clear();
                sum = 0;
            }
            current.add(item);
            sum += t;
        }
        if (!current.isEmpty()) {
            slices.add(new Slice<>(List.copyOf(current), sum));
        }
        return slices;
    }
}
