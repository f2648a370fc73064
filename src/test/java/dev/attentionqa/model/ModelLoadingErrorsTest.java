package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void rejectsAnUnreadableSafetensorsDtype() throws Exception {
        Path file = directory.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("embeddings.LayerNorm.weight",
                new ArrayTensor(new float[4], new int[] {4})), "I64");
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("embeddings.LayerNorm.weight")
                .hasMessageContaining("(got I64)");
    }

    @Test
    void readsFloat16WeightsWidenedToFloat32() throws Exception {
        Path file = directory.resolve("model.safetensors");
        float[] values = {1f, -2.5f, 0.1f, 65504f, 3e-6f, 0f};
        SafetensorsWriter.writeFloat16(file, Map.of("embeddings.LayerNorm.weight", new ArrayTensor(values, new int[] {2, 3})));
        ArrayTensor read = SafetensorsReader.readAll(file).get("embeddings.LayerNorm.weight");
        assertThat(read.shape()).containsExactly(2, 3);
        assertThat(Files.size(file)).isLessThan(8 + 200 + values.length * 4L);
        for (int i = 0; i < values.length; i++) {
            // half precision keeps 11 significant bits: relative error ≤ 2^-11 for normal values
            assertThat(read.data()[i]).isCloseTo(values[i], within(Math.max(Math.abs(values[i]) / 2048f, 6e-8f)));
        }
        assertThat(read.data()[2]).isNotEqualTo(0.1f); // really stored as a half, not as the float
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
