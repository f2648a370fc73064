package dev.attentionqa.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Draining refuses new requests and waits for admitted ones, but never longer than its bound. */
class ShutdownDrainTest {

    @Test
    void refusesNewRequestsOnceDraining() {
        ShutdownDrain drain = new ShutdownDrain(Duration.ofSeconds(1));
        assertThat(drain.admit()).isTrue();
        drain.done();

        assertThat(drain.drain()).isZero();
        assertThat(drain.admit()).isFalse();
    }

    @Test
    void waitsForTheRequestInFlight() throws Exception {
        ShutdownDrain drain = new ShutdownDrain(Duration.ofSeconds(30));
        drain.admit();
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(drain::drain);
        Thread.sleep(200);
        assertThat(drained).isNotDone();

        drain.done();
        assertThat(drained.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheBound() {
        ShutdownDrain drain = new ShutdownDrain(Duration.ofMillis(100));
        drain.admit();
        long started = System.nanoTime();

        assertThat(drain.drain()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
    }
}
