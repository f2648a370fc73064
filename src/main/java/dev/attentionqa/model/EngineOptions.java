package dev.attentionqa.model;

import java.util.List;

/**
 * TensorFlow session settings: intra-op threads per kernel and inter-op kernels in parallel (TF's pools are
 * process-wide, so the first session created in a JVM decides them); how many lanes the graph splits the
 * sequence positions into (independent op chains the inter-op threads run side by side); for the GPU build, whether
 * GPU memory grows on demand and which CUDA devices are visible (empty: all); who hears about every run; and how
 * many of the top layers the grad-attention output weighs by their gradient ({@link GradientGraph}).
 */
public record EngineOptions(int intraOpThreads, int interOpThreads, int lanes, boolean gpuAllowGrowth,
                            String gpuVisibleDevices, RunListener listener, int gradientLayers) {

    /** More lanes than this only adds ops: each lane needs at least a few positions to be worth its overhead. */
    public static final int MAX_LANES = 16;

    /** Where the GPU build ({@code -Pgpu}) puts its native library; present on the class path only in that build. */
    static final String GPU_NATIVE = "org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so";

    /** Gradient layers meaning every layer of the model: Chefer et al.'s rule in full. */
    public static final int ALL_LAYERS = Integer.MAX_VALUE;

    /**
     * Rejects negative thread counts (0 lets TensorFlow choose), lanes outside 1…16, a null device list or listener,
     * fewer than one gradient layer.
     */
    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (got intraOp=" + intraOpThreads
                    + ", interOp=" + interOpThreads + ")");
        }
        if (lanes < 1 || lanes > MAX_LANES) {
            throw new IllegalArgumentException("lanes must be 1…" + MAX_LANES + " (got " + lanes + ")");
        }
        if (gradientLayers < 1) {
            throw new IllegalArgumentException("gradientLayers must be >= 1 (got " + gradientLayers + ")");
        }
        if (gpuVisibleDevices == null || listener == null) {
            throw new IllegalArgumentException("gpuVisibleDevices and listener must not be null (got "
                    + gpuVisibleDevices + ", " + listener + ")");
        }
    }

    /**
     * Threads and lanes only: GPU memory grows on demand, every device visible, nobody listening, grad-attention
     * weighted by gradients in every layer.
     */
    public EngineOptions(int intraOpThreads, int interOpThreads, int lanes) {
        this(intraOpThreads, interOpThreads, lanes, true, "", RunListener.NONE, ALL_LAYERS);
    }

    /** The same options with grad-attention's gradients taken in the top {@code layers} layers only. */
    public EngineOptions withGradientLayers(int layers) {
        return new EngineOptions(intraOpThreads, interOpThreads, lanes, gpuAllowGrowth, gpuVisibleDevices, listener,
                layers);
    }

    /**
     * The measured best setting on the 2-core build machines: two lanes, each op on one thread, two ops at once.
     * One op split over two threads (intra 2, inter 1, one lane) scaled only 1.16× at 1×128 (README, engine).
     */
    public static EngineOptions defaults() {
        return new EngineOptions(1, 2, 2);
    }

    /**
     * Environment variable that makes TF pool its CPU memory (BFC allocator) instead of calling malloc per tensor.
     * Measured: 32×384 ran 9.5 seq/s with it against 6.2 without; likely because glibc maps every block over 32 MB
     * afresh, so the kernel zero-filled the attention tensors on every run.
     */
    public static final String POOLED_ALLOCATOR_ENV = "TF_CPU_ALLOCATOR_USE_BFC";

    /**
     * Environment variable that swaps in oneDNN's CPU kernels (MatMul, Softmax, …); off by default in this native.
     * Measured with lanes: TF/ORT 1.02–1.13 against 0.93 at 8×128 and 1.15 against 0.88–1.01 at 32×384. The
     * Grappler remapper stays off ({@link Encoder}): its oneDNN fusions ran about 3× slower than the unfused ops on the build machines.
     */
    public static final String ONEDNN_ENV = "TF_ENABLE_ONEDNN_OPTS";

    /**
     * The two variables above: the native library reads them when it loads, so the JVM cannot set them for itself;
     * the image, the chart and {@code run-local.sh} do.
     */
    public static final List<String> TUNING_ENV = List.of(POOLED_ALLOCATOR_ENV, ONEDNN_ENV);

    /** The variables of {@link #TUNING_ENV} that are not on in this process (TF reads "true" or "1", any case). */
    public static List<String> tuningEnvMissing() {
        return TUNING_ENV.stream().filter(name -> !isOn(System.getenv(name))).toList();
    }

    static boolean isOn(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    /** One line for logs and benchmark reports: threads, lanes, allocator and kernels. */
    public String describe() {
        return "intra-op threads " + intraOpThreads + ", inter-op threads " + interOpThreads + ", lanes " + lanes
                + ", CPU allocator " + (isOn(System.getenv(POOLED_ALLOCATOR_ENV)) ? "pooled" : "malloc")
                + ", kernels " + (isOn(System.getenv(ONEDNN_ENV)) ? "oneDNN" : "Eigen");
    }

    /** {@code cpu}, or {@code gpu} with the visible device list (e.g. {@code gpu:0}) when the GPU native is loaded. */
    public String device() {
        if (EngineOptions.class.getClassLoader().getResource(GPU_NATIVE) == null) {
            return "cpu";
        }
        return gpuVisibleDevices.isEmpty() ? "gpu" : "gpu:" + gpuVisibleDevices;
    }
}
