package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each supported architecture, written by the test as a random-weight 2-layer HF directory (base model and
 * {@code *ForQuestionAnswering}), loads through {@link HfModelDirectory} and runs through {@link Encoder} to the
 * plain-Java {@link ReferenceEncoder} within 1e-4 on hidden states, attention probabilities and QA logits.
 */
class ArchitectureParityTest {

    private static final double TOLERANCE = 1e-4;
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}};

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestArchitecture.class)
    void baseModelMatchesTheReference(TestArchitecture arch) throws Exception {
        assertMatchesReference(arch, false);
    }

    @ParameterizedTest
    @EnumSource(TestArchitecture.class)
    void questionAnsweringModelMatchesTheReference(TestArchitecture arch) throws Exception {
        assertMatchesReference(arch, true);
    }

    @ParameterizedTest
    @EnumSource(TestArchitecture.class)
    void rejectsInputLongerThanThePositionTable(TestArchitecture arch) throws Exception {
        RandomEncoderWriter.write(temp, arch, false, 7);
        LoadedModel model = HfModelDirectory.load(temp);
        int usable = arch.positionsFollowPadding() ? TestArchitecture.MAX_POSITIONS - arch.padTokenId - 1
                : TestArchitecture.MAX_POSITIONS;
        assertThat(model.config().maxSequenceLength()).isEqualTo(usable);
        EncoderInput tooLong = EncoderInput.unpadded(new long[1][usable + 1]);
        assertThatThrownBy(() -> tooLong.validateFor(model.config()))
                .isInstanceOf(InvalidEncoderInputException.class)
                .hasMessageContaining("(got " + (usable + 1) + ")");
    }

    private void assertMatchesReference(TestArchitecture arch, boolean qaHead) throws Exception {
        Path directory = Files.createDirectories(temp.resolve(arch.modelType + (qaHead ? "-qa" : "")));
        Map<String, ArrayTensor> tensors = RandomEncoderWriter.write(directory, arch, qaHead, 11 + arch.ordinal());
        LoadedModel model = HfModelDirectory.load(directory);
        assertThat(model.config().modelType()).isEqualTo(arch.modelType);
        assertThat(model.config().hasQaHead()).isEqualTo(qaHead);
        EncoderInput input = input(arch);
        EnumSet<EncoderOutput.Kind> fetch = EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.ALL_ATTENTION);
        if (qaHead) {
            fetch.add(EncoderOutput.Kind.QA_LOGITS);
        }
        EncoderOutput out;
        try (Encoder encoder = Encoder.create(model, EngineOptions.defaults())) {
            out = encoder.run(input, fetch);
        }
        ReferenceEncoder.Result expected = new ReferenceEncoder(arch, tensors, qaHead)
                .forward(input.inputIds(), input.attentionMask(), input.tokenTypeIds());
        double hidden = 0;
        double probs = 0;
        double logits = 0;
        for (int b = 0; b < input.batchSize(); b++) {
            for (int s = 0; s < input.seqLength(); s++) {
                hidden = Math.max(hidden, maxDiff(out.hidden(b, s), expected.hidden()[b][s]));
            }
            for (int layer = 0; layer < TestArchitecture.LAYERS; layer++) {
                for (int head = 0; head < TestArchitecture.HEADS; head++) {
                    float[][] actual = out.attention(layer, b, head);
                    for (int q = 0; q < actual.length; q++) {
                        probs = Math.max(probs, maxDiff(actual[q], expected.probs()[layer][b][head][q]));
                    }
                }
            }
            if (qaHead) {
                logits = Math.max(logits, maxDiff(out.startLogits(b), expected.startLogits()[b]));
                logits = Math.max(logits, maxDiff(out.endLogits(b), expected.endLogits()[b]));
            }
        }
        System.out.printf("%s qaHead=%s max |diff|: hidden %.2e, attention %.2e, qa logits %.2e%n",
                arch, qaHead, hidden, probs, logits);
        assertThat(hidden).as("hidden states").isLessThanOrEqualTo(TOLERANCE);
        assertThat(probs).as("attention probabilities").isLessThanOrEqualTo(TOLERANCE);
        assertThat(logits).as("QA logits").isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * Two sequences, the second padded with the model's pad id; segment ids 0 then 1 as a BERT tokenizer gives
     * them (DistilBERT must ignore them), all 0 for RoBERTa whose only segment is 0.
     */
    private static EncoderInput input(TestArchitecture arch) {
        long[][] ids = {{0, 5, 17, 3, 2, 35, 2}, {0, 8, 33, 2, 0, 0, 0}};
        long[][] types = new long[2][7];
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < 7; s++) {
                ids[b][s] = MASK[b][s] == 1 ? ids[b][s] + 4 : arch.padTokenId; // real ids avoid every pad id
                types[b][s] = arch == TestArchitecture.ROBERTA || s < 3 ? 0 : MASK[b][s];
            }
        }
        return new EncoderInput(ids, MASK, types);
    }

    private static double maxDiff(float[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
