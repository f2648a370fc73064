package dev.attentionqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face model directory: {@code config.json} and {@code model.safetensors} (F32) of a BERT, DistilBERT
 * or RoBERTa-family encoder, optionally with a {@code *ForQuestionAnswering} head ({@code qa_outputs}). A BERT
 * directory may hold {@code model.onnx} instead of safetensors (the export layout {@link OnnxWeightsReader} reads).
 */
public final class HfModelDirectory {

    /** Configuration file name. */
    public static final String CONFIG = "config.json";
    /** Weights file name. */
    public static final String WEIGHTS = "model.safetensors";
    /** ONNX weights file name, read when no safetensors file is present. */
    public static final String ONNX_WEIGHTS = "model.onnx";
    /** Model types whose ONNX export {@link OnnxWeightsReader} understands. */
    public static final String ONNX_MODEL_TYPE = "bert";
    /** Revision reported for a local directory, which carries no commit id. */
    public static final String LOCAL_REVISION = "local";

    private HfModelDirectory() {
    }

    /** Loads configuration and weights; the QA head is switched on exactly when its weight is present. */
    public static LoadedModel load(Path directory) {
        BertConfig config = readConfig(require(directory.resolve(CONFIG)));
        ModelInfo info = new ModelInfo(String.valueOf(directory.toAbsolutePath().normalize().getFileName()),
                LOCAL_REVISION);
        Path safetensors = directory.resolve(WEIGHTS);
        Path onnx = directory.resolve(ONNX_WEIGHTS);
        BertWeights checkpoint;
        if (Files.isRegularFile(safetensors) || !Files.isRegularFile(onnx)) {
            checkpoint = SafetensorsReader.read(require(safetensors));
        } else {
            checkpoint = readOnnx(onnx, config, info);
        }
        return assemble(config, checkpoint, info);
    }

    /**
     * Loads a model directory kept as classpath resources ({@code prefix + "config.json"} and
     * {@code prefix + "model.safetensors"}), e.g. the bundled span model inside the application jar.
     */
    public static LoadedModel loadResource(String prefix, ModelInfo info) {
        ClassLoader loader = HfModelDirectory.class.getClassLoader();
        try (InputStream configJson = requireResource(loader, prefix + CONFIG);
             InputStream weights = requireResource(loader, prefix + WEIGHTS)) {
            return assemble(BertConfig.parse(configJson), SafetensorsReader.read(weights, "classpath:" + prefix + WEIGHTS),
                    info);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read classpath model " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static LoadedModel assemble(BertConfig config, BertWeights checkpoint, ModelInfo info) {
        BertWeights weights = HfWeightNames.toBertNames(checkpoint, config.modelType());
        return new LoadedModel(config.withQaHead(weights.has(BertWeights.QA_WEIGHT)), weights, info);
    }

    private static InputStream requireResource(ClassLoader loader, String name) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new ModelFormatException("classpath resource missing (got no " + name + ")");
        }
        return in;
    }

    private static BertConfig readConfig(Path configFile) {
        try (InputStream json = Files.newInputStream(configFile)) {
            return BertConfig.parse(json);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }

    /** ONNX weights with the shapes config.json declares; only BERT's export naming is understood. */
    private static BertWeights readOnnx(Path file, BertConfig config, ModelInfo info) {
        if (!config.modelType().equals(ONNX_MODEL_TYPE)) {
            throw new UnsupportedModelException(ONNX_WEIGHTS + " is read only for model_type \"" + ONNX_MODEL_TYPE
                    + "\"; save this model as " + WEIGHTS + " with save_pretrained(safe_serialization=True) (got "
                    + "model_type=\"" + config.modelType() + "\" and no " + WEIGHTS + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return OnnxWeightsReader.read(in, info, config.numHeads()).weights();
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("model directory lacks a required file (got no " + file + ")");
        }
        return file;
    }
}
