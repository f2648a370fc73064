package dev.attentionqa.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A span checkpoint without {@code qa_outputs.bias} (some exports drop an all-zero bias) runs with a zero bias: its
 * logits are the full model's minus the bias, position by position.
 */
class QaHeadBiasTest {

    @TempDir
    static Path directory;

    @Test
    void aMissingQaBiasIsZero() throws Exception {
        LoadedModel full = HfModelDirectory.load(RandomBertDirectory.write(directory, 11, 1.0));
        float[] bias = full.weights().get(BertWeights.QA_BIAS).data();
        assertThat(Math.abs(bias[0]) + Math.abs(bias[1])).as("a bias that shows").isGreaterThan(1e-3f);
        BertWeights withoutBias = new BertWeights();
        full.weights().names().stream().filter(n -> !n.equals(BertWeights.QA_BIAS))
                .forEach(n -> withoutBias.put(n, full.weights().get(n)));
        assertThat(withoutBias.has(BertWeights.QA_BIAS)).isFalse();

        EncoderInput in = EncoderInput.unpadded(new long[][] {{101, 2054, 2003, 1996, 3007, 102, 3000, 2003, 1037, 2103, 102}});
        var fetch = EnumSet.of(EncoderOutput.Kind.QA_LOGITS);
        try (Encoder withBias = Encoder.create(full, EngineOptions.defaults());
                Encoder zeroBias = Encoder.create(withoutBias, full.config(), EngineOptions.defaults())) {
            EncoderOutput a = withBias.run(in, fetch);
            EncoderOutput b = zeroBias.run(in, fetch);
            for (int s = 0; s < in.seqLength(); s++) {
                assertThat(b.startLogits(0)[s]).isCloseTo(a.startLogits(0)[s] - bias[0], within(1e-4f));
                assertThat(b.endLogits(0)[s]).isCloseTo(a.endLogits(0)[s] - bias[1], within(1e-4f));
            }
        }
    }
}
