package dev.attentionqa.model;

/**
 * TensorFlow session settings: intra-op threads per kernel and inter-op kernels in parallel (TF's pools are
 * process-wide, so the first session created in a JVM decides them, GUIDE §4); for the GPU build, whether GPU
 * memory grows on demand and which CUDA devices are visible (empty: all); and who hears about every run.
 */
public record EngineOptions(int intraOpThreads, int interOpThreads, boolean gpuAllowGrowth, String gpuVisibleDevices,
                            RunListener listener) {

    /** Where the GPU build ({@code -Pgpu}) puts its native library; present on the class path only in that build. */
    static final String GPU_NATIVE = "org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so";

    /** Rejects negative counts (0 lets TensorFlow choose) and a null device list or listener. */
    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (got intraOp=" + intraOpThreads
                    + ", interOp=" + interOpThreads + ")");
        }
        if (gpuVisibleDevices == null || listener == null) {
            throw new IllegalArgumentException("gpuVisibleDevices and listener must not be null (got "
                    + gpuVisibleDevices + ", " + listener + ")");
        }
    }

    /** Threads only: GPU memory grows on demand, every device visible, nobody listening. */
    public EngineOptions(int intraOpThreads, int interOpThreads) {
        this(intraOpThreads, interOpThreads, true, "", RunListener.NONE);
    }

    /** The measured best setting on the 2-core build machines (GUIDE §4): intra 2, inter 1. */
    public static EngineOptions defaults() {
        return new EngineOptions(2, 1);
    }

    /** {@code cpu}, or {@code gpu} with the visible device list (e.g. {@code gpu:0}) when the GPU native is loaded. */
    public String device() {
        if (EngineOptions.class.getClassLoader().getResource(GPU_NATIVE) == null) {
            return "cpu";
        }
        return gpuVisibleDevices.isEmpty() ? "gpu" : "gpu:" + gpuVisibleDevices;
    }
}
