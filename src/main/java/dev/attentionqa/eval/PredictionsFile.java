package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A predictions file as the official SQuAD scripts read it: one JSON object {@code {question id: answer text}}. */
public final class PredictionsFile {

    private PredictionsFile() {
    }

    /** Reads the file; anything but an object of strings is refused, naming the first offending entry. */
    public static Map<String, String> read(Path file, ObjectMapper json) throws IOException {
        JsonNode root = JsonFiles.readTree(file, json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("predictions file must hold a JSON object {id: text} (got "
                    + (root == null ? "nothing" : root.getNodeType()) + " in " + file + ")");
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("prediction for " + entry.getKey() + " must be a string (got "
                        + entry.getValue().getNodeType() + " in " + file + ")");
            }
            predictions.put(entry.getKey(), entry.getValue().asText());
        }
        return predictions;
    }
}
