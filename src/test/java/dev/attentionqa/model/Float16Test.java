package dev.attentionqa.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written because Java 17 lacks Float.float16ToFloat; checked on every half and against exact rounding. */
class Float16Test {

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Float16.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(f)))).isTrue();
            } else {
                assertThat(Float16.fromFloat(f) & 0xffff).as("half 0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void knownValues() {
        assertThat(Float16.toFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(Float16.toFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(Float16.toFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float16.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(Float16.fromFloat(1e-9f)).isEqualTo((short) 0);
        assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
    }

    /** fromFloat picks the nearest half: no other half is closer (ties to the even one). */
    @Test
    void roundsToTheNearestHalf() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 8));
            short h = Float16.fromFloat(f);
            double chosen = Math.abs(Float16.toFloat(h) - (double) f);
            for (int step = -1; step <= 1; step += 2) {
                float neighbour = Float16.toFloat((short) (h + step));
                if (!Float.isNaN(neighbour) && !Float.isInfinite(neighbour) && Math.signum(neighbour) == Math.signum(f)) {
                    double other = Math.abs(neighbour - (double) f);
                    assertThat(chosen).as("%s → 0x%04x", f, h & 0xffff).isLessThanOrEqualTo(other);
                    if (chosen == other) {
                        assertThat(h & 1).isZero();
                    }
                }
            }
        }
    }
}
