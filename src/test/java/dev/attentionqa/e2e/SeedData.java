package dev.attentionqa.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared seed data beside the project ({@code ../shared/data/seed}); present in CI, so tests fail without it. */
public final class SeedData {

    public static final Path DIR = Path.of("..", "shared", "data", "seed");

    private SeedData() {
    }

    /** The source essay on attention (~4,000 characters, longer than one 384-token window with a question). */
    public static String essay() {
        return read(DIR.resolve("attention-significance.txt"));
    }

    public static Path seedQa() {
        return DIR.resolve("seed-qa-dev.json");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("seed data missing: " + file.toAbsolutePath()
                    + " (tests expect ../shared beside the project)", e);
        }
    }
}
