package dev.attentionqa.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test data kept in the repository ({@code src/test/resources/data}, provenance in its README.md). */
public final class SeedData {

    public static final Path DIR = Path.of("src", "test", "resources", "data", "seed");
    public static final Path SQUAD = Path.of("src", "test", "resources", "data", "squad");

    private SeedData() {
    }

    /** The source essay on attention (~4,000 characters, longer than one 384-token window with a question). */
    public static String essay() {
        return read(DIR.resolve("attention-significance.txt"));
    }

    public static Path seedQa() {
        return DIR.resolve("seed-qa-dev.json");
    }

    /** SQuAD v1.1 dev, all 10,570 questions (gzip). */
    public static Path squadV11Dev() {
        return SQUAD.resolve("dev-v1.1.json.gz");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("test data missing: " + file.toAbsolutePath()
                    + " (run the tests from the project root)", e);
        }
    }
}
