package dev.attentionqa.batching;

import java.time.Duration;

/**
 * How concurrent encoder calls are merged into model batches.
 *
 * @param tokenBudget most padded tokens (rows × padded length) in one model batch; a single larger call runs alone
 * @param maxRows     most sequences in one model batch
 * @param padMultiple padded lengths are rounded up to a multiple of this, so the engine meets few distinct shapes
 * @param maxDelay    longest a call waits for others to join its batch
 */
public record BatchBounds(int tokenBudget, int maxRows, int padMultiple, Duration maxDelay) {

    public BatchBounds {
        if (tokenBudget < 1 || maxRows < 1 || padMultiple < 1 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("batch bounds must be positive (got tokenBudget=" + tokenBudget
                    + ", maxRows=" + maxRows + ", padMultiple=" + padMultiple + ", maxDelay=" + maxDelay + ")");
        }
    }

    /** The padded length of a batch whose longest sequence has {@code length} tokens, never above {@code cap}. */
    public int padded(int length, int cap) {
        int rounded = (length + padMultiple - 1) / padMultiple * padMultiple;
        return Math.max(length, Math.min(rounded, cap));
    }
}
