package dev.attentionqa.bench;

/**
 * An independent engine the TF graph is measured against (ONNX Runtime, found through {@link java.util.ServiceLoader}
 * when the build has the {@code bench} profile). Each call runs one padded batch and fetches hidden states and
 * every layer's attention probabilities.
 */
public interface ReferenceEngine extends AutoCloseable {

    String name();

    void run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds);

    @Override
    void close();
}
