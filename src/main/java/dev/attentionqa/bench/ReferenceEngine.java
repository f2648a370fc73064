package dev.attentionqa.bench;

/**
 * An independent engine the TF graph is measured against (ONNX Runtime, made by a {@link ReferenceEngineFactory}).
 * Each call runs one padded batch and fetches what the worker fetches from a batch: the span logits of a span model,
 * or the hidden states and every layer's attention probabilities of an embedding model.
 */
public interface ReferenceEngine extends AutoCloseable {

    String name();

    void run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds);

    @Override
    void close();
}
