package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a JSON file, gzip-compressed when its name ends in {@code .gz} (how the test data is kept in the repository). */
public final class JsonFiles {

    private JsonFiles() {
    }

    public static JsonNode readTree(Path file, ObjectMapper json) throws IOException {
        try (InputStream in = open(file)) {
            return json.readTree(in);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
