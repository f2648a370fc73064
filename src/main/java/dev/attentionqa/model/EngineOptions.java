package dev.attentionqa.model;

/**
 * TensorFlow session settings: intra-op threads per kernel and inter-op kernels in parallel (TF's pools are
 * process-wide, so the first session created in a JVM decides them, GUIDE §4); how many lanes the graph splits the
 * sequence positions into (independent op chains the inter-op threads run side by side); for the GPU build, whether
 * GPU memory grows on demand and which CUDA devices are visible (empty: all); and who hears about every run.
 */
public record EngineOptions(int intraOpThreads, int interOpThreads, int lanes, boolean gpuAllowGrowth,
                            String gpuVisibleDevices, RunListener listener) {

    /** More lanes than this only adds ops: each lane needs at least a few positions to be worth its overhead. */
    public static final int MAX_LANES = 16;

    /** Where the GPU build ({@code -Pgpu}) puts its native library; present on the class path only in that build. */
    static final String GPU_NATIVE = "org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so";

    /** Rejects negative thread counts (0 lets TensorFlow choose), lanes outside 1…16, a null device list or listener. */
    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (got intraOp=" + intraOpThreads
                    + ", interOp=" + interOpThreads + ")");
        }
        if (lanes < 1 || lanes > MAX_LANES) {
            throw new IllegalArgumentException("lanes must be 1…" + MAX_LANES + " (got " + lanes + ")");
        }
        if (gpuVisibleDevices == null || listener == null) {
            throw new IllegalArgumentException("gpuVisibleDevices and listener must not be null (got "
                    + gpuVisibleDevices + ", " + listener + ")");
        }
    }

    /** Threads and lanes only: GPU memory grows on demand, every device visible, nobody listening. */
    public EngineOptions(int intraOpThreads, int interOpThreads, int lanes) {
        this(intraOpThreads, interOpThreads, lanes, true, "", RunListener.NONE);
    }

    /**
     * The measured best setting on the 2-core build machines: two lanes, each op on one thread, two ops at once.
     * One op split over two threads (intra 2, inter 1, one lane) scaled only 1.16× at 1×128 (README, engine).
     */
    public static EngineOptions defaults() {
        return new EngineOptions(1, 2, 2);
    }

    /**
     * Environment variable that makes TF pool its CPU memory (BFC allocator) instead of calling malloc per tensor;
     * read by the native library when it loads, so it cannot be set from here. Measured: 32×384 ran 9.5 seq/s with
     * it against 6.2 without, as attention tensors over 32 MB were otherwise mapped and zero-filled on every run.
     */
    public static final String POOLED_ALLOCATOR_ENV = "TF_CPU_ALLOCATOR_USE_BFC";

    /** Whether {@link #POOLED_ALLOCATOR_ENV} is on in this process (TF reads "true" or "1", any case). */
    public static boolean pooledAllocator() {
        String value = System.getenv(POOLED_ALLOCATOR_ENV);
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    /** One line for logs and benchmark reports: threads, lanes and the allocator. */
    public String describe() {
        return "intra-op threads " + intraOpThreads + ", inter-op threads " + interOpThreads + ", lanes " + lanes
                + ", CPU allocator " + (pooledAllocator() ? "pooled (" + POOLED_ALLOCATOR_ENV + ")" : "malloc");
    }

    /** {@code cpu}, or {@code gpu} with the visible device list (e.g. {@code gpu:0}) when the GPU native is loaded. */
    public String device() {
        if (EngineOptions.class.getClassLoader().getResource(GPU_NATIVE) == null) {
            return "cpu";
        }
        return gpuVisibleDevices.isEmpty() ? "gpu" : "gpu:" + gpuVisibleDevices;
    }
}
