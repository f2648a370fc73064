package dev.attentionqa.model;

/**
 * TensorFlow session threading: intra-op threads per kernel and inter-op kernels in parallel. TF's pools are
 * process-wide, so the first session created in a JVM decides them (GUIDE §4).
 */
public record EngineOptions(int intraOpThreads, int interOpThreads) {

    /** Rejects negative counts; 0 lets TensorFlow choose. */
    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (got intraOp=" + intraOpThreads
                    + ", interOp=" + interOpThreads + ")");
        }
    }

    /** The measured best setting on the 2-core build machines (GUIDE §4): intra 2, inter 1. */
    public static EngineOptions defaults() {
        return new EngineOptions(2, 1);
    }
}
