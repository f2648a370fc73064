package dev.attentionqa.train;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.HfConfigWriter;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.SafetensorsWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a trained model as a Hugging Face {@code BertForQuestionAnswering} directory that {@link HfModelDirectory}
 * (and {@code transformers}) read: {@code config.json}, {@code model.safetensors}, {@code tokenizer.json} and a model
 * card {@code README.md}.
 */
public final class TrainedModelWriter {

    public static final String TOKENIZER = "tokenizer.json";
    public static final String CARD = "README.md";

    private TrainedModelWriter() {
    }

    /** Writes the directory; {@code float16} stores the weights as halves (the loader widens them to float32). */
    public static void write(Path directory, BertConfig config, Map<String, ArrayTensor> parameters,
                             InputStream tokenizerJson, String card, boolean float16) throws IOException {
        Files.createDirectories(directory);
        HfConfigWriter.write(directory.resolve(HfModelDirectory.CONFIG), config.withQaHead(true));
        if (float16) {
            SafetensorsWriter.writeFloat16(directory.resolve(HfModelDirectory.WEIGHTS), parameters);
        } else {
            SafetensorsWriter.write(directory.resolve(HfModelDirectory.WEIGHTS), parameters);
        }
        Files.copy(tokenizerJson, directory.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(directory.resolve(CARD), card);
    }
}
