package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Hugging Face directory (config.json + model.safetensors + QA head) loads into the same encoder as the ONNX. */
class HfModelDirectoryTest {

    @TempDir
    static Path directory;

    private static LoadedModel hf;
    private static EncoderInput input;
    private static EncoderOutput fromOnnx;
    private static EncoderOutput fromHf;

    @BeforeAll
    static void writeLoadAndRunBoth() throws Exception {
        LoadedModel onnx = MiniLmFixture.model();
        Map<String, ArrayTensor> tensors = new LinkedHashMap<>();
        for (String name : onnx.weights().names()) {
            tensors.put(BertWeights.BERT_PREFIX + name, onnx.weights().get(name));
        }
        Random random = new Random(42);
        tensors.put(BertWeights.QA_WEIGHT, randomTensor(random, 2, onnx.config().hiddenSize()));
        tensors.put(BertWeights.QA_BIAS, randomTensor(random, 2));
        SafetensorsWriter.write(directory.resolve(HfModelDirectory.WEIGHTS), tensors);
        HfConfigWriter.write(directory.resolve(HfModelDirectory.CONFIG), onnx.config());

        hf = HfModelDirectory.load(directory);
        input = MiniLmFixture.batch(MiniLmFixture.SENTENCES);
        EnumSet<EncoderOutput.Kind> common = EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION);
        try (Encoder a = Encoder.create(onnx, EngineOptions.defaults());
                Encoder b = Encoder.create(hf, EngineOptions.defaults())) {
            fromOnnx = a.run(input, common);
            EnumSet<EncoderOutput.Kind> withQa = EnumSet.copyOf(common);
            withQa.add(EncoderOutput.Kind.QA_LOGITS);
            fromHf = b.run(input, withQa);
        }
    }

    @AfterAll
    static void forget() {
        hf = null;
    }

    @Test
    void readsConfigAndSwitchesOnTheQaHead() {
        assertThat(hf.config()).isEqualTo(MiniLmFixture.model().config().withQaHead(true));
        assertThat(hf.info().name()).isEqualTo(directory.getFileName().toString());
        assertThat(hf.weights().names()).doesNotContain("bert.embeddings.word_embeddings.weight")
                .contains("embeddings.word_embeddings.weight", BertWeights.QA_WEIGHT);
    }

    @Test
    void encoderOutputsEqualTheOnnxImport() {
        assertThat(fromHf.get(EncoderOutput.Kind.HIDDEN).data())
                .containsExactly(fromOnnx.get(EncoderOutput.Kind.HIDDEN).data());
        assertThat(fromHf.get(EncoderOutput.Kind.MEAN_ATTENTION).data())
                .containsExactly(fromOnnx.get(EncoderOutput.Kind.MEAN_ATTENTION).data());
    }

    @Test
    void qaLogitsAreTheHeadAppliedToHiddenStates() {
        float[] w = hf.weights().get(BertWeights.QA_WEIGHT).data();
        float[] bias = hf.weights().get(BertWeights.QA_BIAS).data();
        int hidden = hf.config().hiddenSize();
        double maxDiff = 0;
        for (int b = 0; b < input.batchSize(); b++) {
            for (int s = 0; s < input.seqLength(); s++) {
                float[] h = fromHf.hidden(b, s);
                double start = bias[0];
                double end = bias[1];
                for (int i = 0; i < hidden; i++) {
                    start += h[i] * w[i];
                    end += h[i] * w[hidden + i];
                }
                maxDiff = Math.max(maxDiff, Math.abs(fromHf.startLogits(b)[s] - start));
                maxDiff = Math.max(maxDiff, Math.abs(fromHf.endLogits(b)[s] - end));
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
    }

    private static ArrayTensor randomTensor(Random random, int... shape) {
        float[] data = new float[(int) ArrayTensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * 0.05);
        }
        return new ArrayTensor(data, shape);
    }
}
