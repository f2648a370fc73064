package dev.attentionqa.it;

import dev.attentionqa.deploy.DockerfilesTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs after {@code package}: every path the Dockerfiles copy exists in the built fast-jar layout. */
class DockerfileLayoutIT {

    @Test
    void everyPathTheDockerfilesCopyExistsAfterPackage() {
        for (String source : DockerfilesTest.FAST_JAR) {
            assertThat(Path.of(source)).as("Dockerfiles copy %s", source).exists();
        }
        assertThat(Path.of("target/quarkus-app/lib/main")).isDirectoryContaining(p -> p.getFileName().toString()
                .startsWith("org.tensorflow.tensorflow-core-native"));
    }
}
