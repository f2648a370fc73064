package dev.attentionqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face model directory with {@code config.json} and {@code model.safetensors} (F32), optionally
 * holding a {@code BertForQuestionAnswering} head ({@code qa_outputs.weight}/{@code qa_outputs.bias}).
 */
public final class HfModelDirectory {

    /** Configuration file name. */
    public static final String CONFIG = "config.json";
    /** Weights file name. */
    public static final String WEIGHTS = "model.safetensors";
    /** Revision reported for a local directory, which carries no commit id. */
    public static final String LOCAL_REVISION = "local";

    private HfModelDirectory() {
    }

    /** Loads configuration and weights; the QA head is switched on exactly when its weight is present. */
    public static LoadedModel load(Path directory) {
        Path configFile = require(directory.resolve(CONFIG));
        Path weightsFile = require(directory.resolve(WEIGHTS));
        BertConfig config;
        try (InputStream json = Files.newInputStream(configFile)) {
            config = BertConfig.parse(json);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
        BertWeights weights = SafetensorsReader.read(weightsFile);
        ModelInfo info = new ModelInfo(String.valueOf(directory.toAbsolutePath().normalize().getFileName()),
                LOCAL_REVISION);
        return new LoadedModel(config.withQaHead(weights.has(BertWeights.QA_WEIGHT)), weights, info);
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("model directory lacks a required file (got no " + file + ")");
        }
        return file;
    }
}
