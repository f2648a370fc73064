package dev.attentionqa.ops;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness on a fake clock: up when idle, and while the engine keeps finishing batches however old a request is;
 * down once requests wait past the bound on an engine that finished nothing; up again once the inference ends.
 */
class InferenceLivenessTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final InferenceWatch watch = new InferenceWatch(nanos::get);
    private final InferenceLiveness liveness = new InferenceLiveness(watch, Duration.ofSeconds(30));

    @Test
    void isUpWhenNothingRuns() {
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(watch.oldestInFlight()).isEmpty();
    }

    @Test
    void staysUpWhileAnInferenceIsWithinTheBound() {
        watch.begin();
        advance(Duration.ofSeconds(30));

        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void goesDownWhenAnInferenceStallsPastTheBoundAndUpWhenItEnds() {
        long ticket = watch.begin();
        advance(Duration.ofSeconds(31));

        HealthCheckResponse stalled = liveness.call();
        assertThat(stalled.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stalled.getData().orElseThrow()).containsEntry("oldestInFlightMs", 31_000L);

        watch.end(ticket);
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void judgesByTheOldestOfSeveralInferences() {
        long old = watch.begin();
        advance(Duration.ofSeconds(20));
        watch.begin();
        advance(Duration.ofSeconds(20));

        assertThat(watch.oldestInFlight()).contains(Duration.ofSeconds(40));
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        watch.end(old);
        assertThat(watch.oldestInFlight()).contains(Duration.ofSeconds(20));
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    /** A micro-batch of huge contexts: one request runs for minutes, but its model batches keep finishing. */
    @Test
    void staysUpForALongRequestWhileTheEngineMakesProgress() {
        watch.begin();
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofSeconds(15));
            watch.progress();
            assertThat(liveness.call().getStatus()).as("after %d s", 15 * (i + 1)).isEqualTo(HealthCheckResponse.Status.UP);
        }
        assertThat(watch.oldestInFlight()).contains(Duration.ofSeconds(300));
        advance(Duration.ofSeconds(31)); // then the engine stops finishing anything
        HealthCheckResponse stuck = liveness.call();
        assertThat(stuck.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stuck.getData().orElseThrow()).containsEntry("stalledMs", 31_000L).containsEntry("oldestInFlightMs", 331_000L);
    }

    @Test
    void progressBeforeARequestStartedDoesNotCount() {
        watch.progress();
        advance(Duration.ofSeconds(100)); // idle: no request, no batch
        watch.begin();
        advance(Duration.ofSeconds(30));
        assertThat(watch.stalledFor()).contains(Duration.ofSeconds(30));
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
