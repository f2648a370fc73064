package dev.attentionqa.model;

import dev.attentionqa.bench.OnnxRuntimeEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TF graph built from the imported ONNX weights reproduces ONNX Runtime on real, padded token ids. */
class OnnxRuntimeParityTest {

    private static final double TOLERANCE = 1e-4;

    private static Encoder encoder;
    private static EncoderInput input;
    private static EncoderOutput tf;
    private static OnnxRuntimeEngine.Output ort;

    @BeforeAll
    static void runBoth() throws Exception {
        encoder = Encoder.create(MiniLmFixture.model(), EngineOptions.defaults());
        input = MiniLmFixture.batch(MiniLmFixture.SENTENCES);
        tf = encoder.run(input, EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION,
                EncoderOutput.Kind.ALL_ATTENTION));
        try (OnnxRuntimeEngine reference = new OnnxRuntimeEngine(2)) {
            ort = reference.run(input, true);
        }
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void infersMiniLmConfigFromTheOnnxFile() {
        assertThat(encoder.config()).isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu",
                "bert", false));
    }

    @Test
    void batchIsPaddedSoMaskedPositionsAreExercised() {
        assertThat(input.batchSize()).isGreaterThanOrEqualTo(3);
        long padded = java.util.Arrays.stream(input.attentionMask()).flatMapToLong(java.util.Arrays::stream)
                .filter(m -> m == 0).count();
        assertThat(padded).isPositive();
    }

    @Test
    void hiddenStatesMatchOnnxRuntimeOnRealTokens() {
        int hidden = encoder.config().hiddenSize();
        double maxDiff = 0;
        for (int b = 0; b < input.batchSize(); b++) {
            for (int s = 0; s < input.seqLength(); s++) {
                if (input.attentionMask()[b][s] == 0) {
                    continue;
                }
                float[] ours = tf.hidden(b, s);
                int from = (b * input.seqLength() + s) * hidden;
                for (int h = 0; h < hidden; h++) {
                    maxDiff = Math.max(maxDiff, Math.abs(ours[h] - ort.hidden()[from + h]));
                }
            }
        }
        System.out.printf("max |hidden TF - ORT| = %.3g%n", maxDiff);
        assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void everyLayersAttentionMatchesOnnxRuntime() {
        int heads = encoder.config().numHeads();
        int seq = input.seqLength();
        List<float[]> expected = ort.attention();
        assertThat(expected).hasSize(encoder.config().numLayers());
        double maxDiff = 0;
        double maxMeanDiff = 0;
        for (int layer = 0; layer < expected.size(); layer++) {
            for (int b = 0; b < input.batchSize(); b++) {
                float[][] mean = tf.meanAttention(layer, b);
                for (int q = 0; q < seq; q++) {
                    if (input.attentionMask()[b][q] == 0) {
                        continue;
                    }
                    for (int k = 0; k < seq; k++) {
                        double headSum = 0;
                        for (int h = 0; h < heads; h++) {
                            float want = expected.get(layer)[((b * heads + h) * seq + q) * seq + k];
                            headSum += want;
                            maxDiff = Math.max(maxDiff, Math.abs(tf.attention(layer, b, h)[q][k] - want));
                        }
                        maxMeanDiff = Math.max(maxMeanDiff, Math.abs(mean[q][k] - headSum / heads));
                    }
                }
            }
        }
        System.out.printf("max |attention TF - ORT| = %.3g, head mean %.3g%n", maxDiff, maxMeanDiff);
        assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxMeanDiff).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void concurrentRunsFromSeveralThreadsGiveTheSameOutputs() throws Exception {
        EnumSet<EncoderOutput.Kind> fetch = EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EncoderOutput>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> encoder.run(input, fetch)));
            }
            for (Future<EncoderOutput> run : runs) {
                EncoderOutput out = run.get();
                assertThat(out.get(EncoderOutput.Kind.HIDDEN).data())
                        .containsExactly(tf.get(EncoderOutput.Kind.HIDDEN).data());
                assertThat(out.get(EncoderOutput.Kind.MEAN_ATTENTION).data())
                        .containsExactly(tf.get(EncoderOutput.Kind.MEAN_ATTENTION).data());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsQaLogitsForAModelWithoutQaHead() {
        assertThatThrownBy(() -> encoder.run(input, EnumSet.of(EncoderOutput.Kind.QA_LOGITS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qa_outputs");
    }

    /** Warm-up must run the graph at the shape it names (a warm-up that ran nothing would still take time). */
    @Test
    void warmUpRunsOneBatchOfTheGivenShape() {
        List<long[]> runs = new CopyOnWriteArrayList<>();
        RunListener listener = (batch, seq, tokens, nanos) -> runs.add(new long[] {batch, seq, tokens, nanos});
        try (Encoder listened = Encoder.create(MiniLmFixture.model(), new EngineOptions(1, 2, 2, true, "", listener,
                EngineOptions.ALL_LAYERS))) {
            Duration small = listened.warmUp();
            assertThat(runs).singleElement().satisfies(r -> assertThat(r).startsWith(1, 8, 8));
            assertThat(small.toNanos()).isGreaterThanOrEqualTo(runs.get(0)[3]);
            runs.clear();
            listened.warmUp(4, 32);
            assertThat(runs).singleElement().satisfies(r -> assertThat(r).startsWith(4, 32, 128));
        }
    }
}
