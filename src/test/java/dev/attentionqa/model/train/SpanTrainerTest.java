package dev.attentionqa.model.train;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.RandomBertDirectory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The training graph against the serving graph, against finite differences, and on a task it must learn. */
class SpanTrainerTest {

    private static LoadedModel model;

    @BeforeAll
    static void loadModel(@TempDir Path dir) throws Exception {
        model = HfModelDirectory.load(RandomBertDirectory.write(dir, 11, 0.5));
    }

    private static final EngineOptions THREADS = new EngineOptions(1, 1, 1);

    /** Two sequences, the second padded; gold spans inside each. */
    private static SpanBatch batch() {
        long[][] ids = {{101, 2054, 2003, 102, 1996, 3007, 1997, 2605, 2003, 3000, 1012, 102},
            {101, 2040, 102, 3520, 2939, 1996, 3185, 1012, 102, 0, 0, 0}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0}};
        long[][] types = {{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0}};
        return new SpanBatch(new EncoderInput(ids, mask, types), new int[] {9, 3}, new int[] {9, 4});
    }

    private static SpanTrainer trainer(float weightDecay) {
        return SpanTrainer.create(model.config(), InitialParameters.of(model.config(), model.weights(), 1), Map.of(),
                TrainingSettings.defaults(weightDecay), THREADS);
    }

    @Test
    void logitsMatchTheServingGraphOnTheSameWeights() {
        SpanBatch batch = batch();
        try (SpanTrainer trainer = trainer(0f);
                Encoder encoder = Encoder.create(model, EngineOptions.defaults())) {
            float[][] logits = trainer.logits(batch.input());
            EncoderOutput out = encoder.run(batch.input(), EnumSet.of(EncoderOutput.Kind.QA_LOGITS));
            int seq = batch.input().seqLength();
            for (int b = 0; b < 2; b++) {
                for (int p = 0; p < seq; p++) {
                    if (batch.input().attentionMask()[b][p] == 1) {
                        assertThat(logits[0][b * seq + p]).as("start %d %d", b, p).isCloseTo(out.startLogits(b)[p], within(1e-4f));
                        assertThat(logits[1][b * seq + p]).as("end %d %d", b, p).isCloseTo(out.endLogits(b)[p], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void gradientAgreesWithFiniteDifferences() {
        SpanBatch batch = batch();
        String name = "bert.encoder.layer.0.attention.self.query.weight";
        try (SpanTrainer trainer = trainer(0f)) {
            float[] analytic = trainer.gradient(batch, name);
            Map<String, ArrayTensor> params = trainer.parameters();
            ArrayTensor w = params.get(name);
            int checked = 0;
            for (int i = 0; i < w.data().length; i += 97) {
                double eps = 1e-2;
                float original = w.data()[i];
                w.data()[i] = (float) (original + eps);
                trainer.assignParameters(params);
                double plus = trainer.loss(batch);
                w.data()[i] = (float) (original - eps);
                trainer.assignParameters(params);
                double minus = trainer.loss(batch);
                w.data()[i] = original;
                double numeric = (plus - minus) / (2 * eps);
                assertThat((double) analytic[i]).as("d loss / d %s[%d]", name, i).isCloseTo(numeric, within(2e-3));
                checked++;
            }
            trainer.assignParameters(params);
            assertThat(checked).isGreaterThan(5);
            assertThat(analytic).as("gradient is not all zero").matches(g -> {
                for (float x : g) {
                    if (Math.abs(x) > 1e-6) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void lossGoesDownAndOnlyDecayedParametersShrinkWithoutGradient() {
        SpanBatch batch = batch();
        try (SpanTrainer trainer = trainer(0.01f)) {
            float first = trainer.loss(batch);
            for (int t = 1; t <= 30; t++) {
                trainer.step(batch, 1e-3f, t, 0.1f, t);
            }
            assertThat(trainer.loss(batch)).isLessThan(first * 0.3f);
        }
    }

    @Test
    void momentsAndParametersRoundTripThroughJava() {
        SpanBatch batch = batch();
        Map<String, ArrayTensor> params;
        Map<String, ArrayTensor> moments;
        float lossAfter;
        try (SpanTrainer trainer = trainer(0.01f)) {
            for (int t = 1; t <= 3; t++) {
                trainer.step(batch, 1e-3f, t, 0f, t);
            }
            params = new LinkedHashMap<>(trainer.parameters());
            moments = new LinkedHashMap<>(trainer.moments());
            trainer.step(batch, 1e-3f, 4, 0f, 4);
            lossAfter = trainer.loss(batch);
        }
        try (SpanTrainer resumed = SpanTrainer.create(model.config(), params, moments, TrainingSettings.defaults(0.01f),
                THREADS)) {
            resumed.step(batch, 1e-3f, 4, 0f, 4);
            assertThat(resumed.loss(batch)).isCloseTo(lossAfter, within(1e-5f));
        }
    }
}
