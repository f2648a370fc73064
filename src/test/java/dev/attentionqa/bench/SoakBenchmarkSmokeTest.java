package dev.attentionqa.bench;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `bench soak` must not rot, and must see what it is for: native memory that an inference keeps shows as growth,
 * while the encoder, which closes every tensor, levels off after warm-up.
 */
class SoakBenchmarkSmokeTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void aWorkloadThatKeepsNativeMemoryShowsAsGrowth() {
        // 48 MiB every 10th inference: above glibc's largest mmap threshold (32 MiB), so each is a fresh mapping and
        // cannot reuse memory the test JVM freed earlier (1 MiB blocks did, and the growth read lower than kept)
        List<ByteBuffer> kept = new ArrayList<>();
        SoakResult r = new SoakBenchmark(i -> {
            if (i % 10 == 0) {
                kept.add(touched(ByteBuffer.allocateDirect(48 * MIB)));
            }
        }, 10).run(100, 10, s -> { });
        long keptAfterWarmUpKib = 9L * 48 * 1024; // inferences 20, 30, … 100
        assertThat(r.rssEndKib() - r.rssAfterWarmUpKib()).as("RSS growth, KiB")
                .isGreaterThan(keptAfterWarmUpKib * 8 / 10);
        assertThat(r.growthPercent()).isCloseTo(100.0 * (r.rssEndKib() - r.rssAfterWarmUpKib()) / r.rssAfterWarmUpKib(),
                org.assertj.core.data.Offset.offset(1e-9));
        kept.clear();
    }

    @Test
    void theEncoderLevelsOffAfterWarmUp() {
        try (Encoder encoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults())) {
            List<long[]> seen = new ArrayList<>();
            SoakResult r = new SoakBenchmark(encoder, 5, 16).run(100, 50, seen::add);
            assertThat(r.samples()).isEqualTo(seen).extracting(s -> s[0]).containsExactly(20L, 40L, 60L, 80L, 100L);
            assertThat(r.samples()).allMatch(s -> s[1] > 0);
            System.out.printf("soak smoke: RSS %d → %d KiB after warm-up (%.2f %%)%n", r.rssAfterWarmUpKib(),
                    r.rssEndKib(), r.growthPercent());
            // 50 inferences after warm-up grow RSS by ~2 MiB (Sapphire Rapids, 2026-12-03); with the Result of
            // each run left open, by ~49 MiB
            assertThat(r.rssEndKib() - r.rssAfterWarmUpKib()).as("RSS growth after warm-up, KiB").isLessThan(16 * 1024);
        }
    }

    /** Writes every page, so that the buffer is resident. */
    private static ByteBuffer touched(ByteBuffer buffer) {
        for (int i = 0; i < buffer.capacity(); i += 4096) {
            buffer.put(i, (byte) 1);
        }
        return buffer;
    }
}
