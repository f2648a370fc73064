package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BERT directory holding model.onnx instead of model.safetensors loads the same weights as the bundled model. */
class OnnxModelDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void readsModelOnnxWithTheShapesOfConfigJson() throws Exception {
        LoadedModel bundled = MiniLmFixture.model();
        try (InputStream onnx = DefaultModel.openOnnx()) {
            Files.copy(onnx, directory.resolve(HfModelDirectory.ONNX_WEIGHTS));
        }
        HfConfigWriter.write(directory.resolve(HfModelDirectory.CONFIG), bundled.config());

        LoadedModel loaded = HfModelDirectory.load(directory);

        assertThat(loaded.config()).isEqualTo(bundled.config());
        assertThat(loaded.weights().names()).containsExactlyElementsOf(bundled.weights().names());
        for (String name : bundled.weights().names()) {
            assertThat(Arrays.equals(loaded.weights().get(name).data(), bundled.weights().get(name).data()))
                    .as("same floats in %s", name).isTrue(); // AssertJ's element diff is quadratic on 12M floats
        }
    }
}
