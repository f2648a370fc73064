package dev.attentionqa.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The package rules, read from the sources: heavy frameworks stay in the package that owns them. */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/attentionqa");

    @Test
    void onlyModelImportsTensorFlow() throws IOException {
        assertThat(importing("import org.tensorflow.")).allMatch(p -> p.startsWith(MAIN.resolve("model")));
    }

    @Test
    void onlyMessagingImportsSmallRyeMessaging() throws IOException {
        assertThat(importing("import io.smallrye.reactive.messaging")).allMatch(p -> p.startsWith(MAIN.resolve("messaging")));
        assertThat(importing("import org.eclipse.microprofile.reactive.messaging")).allMatch(p -> p.startsWith(MAIN.resolve("messaging")));
    }

    @Test
    void explainIsPlainJava() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("explain"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(f)).filteredOn(l -> l.startsWith("import "))
                        .allMatch(l -> l.startsWith("import java.") || l.startsWith("import dev.attentionqa.explain."), f.toString());
            }
        }
    }

    @Test
    void noSourceFileIsOver300Lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(f)).as(f.toString()).hasSizeLessThanOrEqualTo(300);
            }
        }
    }

    private static List<Path> importing(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith(prefix));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
