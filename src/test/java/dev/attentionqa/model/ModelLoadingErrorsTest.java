package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Model files this engine cannot run are rejected with messages that name the offending value. */
class ModelLoadingErrorsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "t5"})
    void rejectsUnsupportedModelTypeNamingItAndTheSupportedList(String modelType) throws Exception {
        Files.writeString(directory.resolve(HfModelDirectory.CONFIG), "{\"model_type\": \"" + modelType + "\"}");
        assertThatThrownBy(() -> HfModelDirectory.load(directory))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("[bert, distilbert, roberta, xlm-roberta, camembert]")
                .hasMessageContaining("(got model_type=\"" + modelType + "\")");
    }

    @Test
    void rejectsOnnxWeightsForModelTypesItsReaderDoesNotKnow() throws Exception {
        Files.writeString(directory.resolve(HfModelDirectory.CONFIG), "{\"model_type\": \"roberta\"}");
        Files.write(directory.resolve(HfModelDirectory.ONNX_WEIGHTS), new byte[0]);
        assertThatThrownBy(() -> HfModelDirectory.load(directory))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("model.onnx is read only for model_type \"bert\"")
                .hasMessageContaining("(got model_type=\"roberta\" and no model.safetensors)");
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
        SafetensorsWriter.write(file, Map.of("embeddings.LayerNorm.weight",
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
