package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files this engine cannot run are rejected with messages that name the offending value. */
class ModelLoadingErrorsTest {

    @TempDir
    Path directory;

    @Test
    void rejectsUnsupportedModelTypeNamingItAndTheSupportedList() {
        String json = "{\"model_type\": \"roberta\", \"hidden_size\": 384, \"num_attention_heads\": 12}";
        assertThatThrownBy(() -> BertConfig.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("model_type")
                .hasMessageContaining("[bert]")
                .hasMessageContaining("(got model_type=\"roberta\")");
    }

    @Test
    void rejectsHiddenSizeNotDivisibleByHeads() {
        String json = "{\"model_type\": \"bert\", \"hidden_size\": 100, \"num_attention_heads\": 12}";
        assertThatThrownBy(() -> BertConfig.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("hidden_size=100");
    }

    @Test
    void rejectsNonF32SafetensorsDtype() throws Exception {
        Path file = directory.resolve("model.safetensors");
        SafetensorsTestWriter.write(file, Map.of("embeddings.LayerNorm.weight",
                new ArrayTensor(new float[4], new int[] {4})), "F16");
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("embeddings.LayerNorm.weight")
                .hasMessageContaining("(got F16)");
    }

    @Test
    void rejectsSafetensorsHeaderLongerThanTheFile() throws Exception {
        Path file = directory.resolve("model.safetensors");
        Files.write(file, new byte[] {(byte) 0xff, 0x7f, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("(got 32767)");
    }

    @Test
    void rejectsDirectoryWithoutConfig() {
        assertThatThrownBy(() -> HfModelDirectory.load(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(HfModelDirectory.CONFIG);
    }
}
