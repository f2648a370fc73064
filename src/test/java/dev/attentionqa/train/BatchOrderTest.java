package dev.attentionqa.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchOrderTest {

    private static List<TrainingFeature> features(int n) {
        Random random = new Random(3);
        List<TrainingFeature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = 20 + random.nextInt(300);
            out.add(new TrainingFeature(new int[length], new byte[length], 0, 0));
        }
        return out;
    }

    @Test
    void everyFeatureOnceSameOrderForSameSeedAndEpoch() {
        List<TrainingFeature> features = features(1000);
        List<int[]> a = BatchOrder.of(features, 32, 42, 0);
        assertThat(a.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                .containsExactly(java.util.stream.IntStream.range(0, 1000).toArray());
        List<int[]> again = BatchOrder.of(features, 32, 42, 0);
        for (int i = 0; i < a.size(); i++) {
            assertThat(again.get(i)).containsExactly(a.get(i));
        }
        assertThat(BatchOrder.of(features, 32, 42, 1).get(0)).isNotEqualTo(a.get(0));
    }

    @Test
    void bucketsCutPadding() {
        List<TrainingFeature> features = features(3200);
        long padded = 0;
        long real = 0;
        for (int[] batch : BatchOrder.of(features, 32, 42, 0)) {
            int max = Arrays.stream(batch).map(i -> features.get(i).length()).max().orElseThrow();
            for (int i : batch) {
                padded += max;
                real += features.get(i).length();
            }
        }
        assertThat((double) padded / real).isLessThan(1.1); // unbucketed random batches pad to ~1.9×
    }

    @Test
    void scheduleWarmsUpThenDecaysToZero() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 10, 100);
        assertThat(s.at(5)).isEqualTo(5e-5);
        assertThat(s.at(10)).isEqualTo(1e-4);
        assertThat(s.at(55)).isCloseTo(5e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(100)).isZero();
    }
}
