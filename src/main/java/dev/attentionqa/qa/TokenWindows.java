package dev.attentionqa.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts {@code length} tokens into windows of at most {@code size} tokens; consecutive windows overlap by
 * {@code stride} tokens (HF's doc_stride), so a phrase cut by one window edge is whole in the next.
 */
public final class TokenWindows {

    private TokenWindows() {
    }

    /** Window bounds as {@code [from, to)} pairs covering every token at least once. */
    public static List<int[]> of(int length, int size, int stride) {
        if (size < 1 || stride < 0 || stride >= size) {
            throw new IllegalArgumentException("window size must be ≥ 1 and stride in [0, size) (got size "
                    + size + ", stride " + stride + ")");
        }
        List<int[]> windows = new ArrayList<>();
        int from = 0;
        while (true) {
            int to = Math.min(length, from + size);
            windows.add(new int[] {from, to});
            if (to == length) {
                return windows;
            }
            from = to - stride;
        }
    }
}
