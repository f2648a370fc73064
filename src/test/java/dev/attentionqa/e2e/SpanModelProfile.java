package dev.attentionqa.e2e;

import dev.attentionqa.model.RandomBertDirectory;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points the worker at a model directory with a QA head (random weights, BERT vocabulary, MiniLM's tokenizer). */
public class SpanModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("qa-head-model");
            RandomBertDirectory.write(dir, 7L, 0.5);
            try (InputStream tokenizer = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
                Files.copy(tokenizer, dir.resolve("tokenizer.json"));
            }
            return Map.of("qa.model.dir", dir.toString(), "qa.model.name", "random-bert-qa");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
