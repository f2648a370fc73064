package dev.attentionqa.batching;

import dev.attentionqa.model.EncoderOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.attentionqa.batching.EncoderQueueTest.input;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's two flushes besides "every registered request is waiting": the delay (a registered request that never
 * calls) and the token budget (calls that fill it leave without waiting for the rest), on the real MiniLM encoder.
 */
class EncoderQueueFlushTest extends QueueOnMiniLm {

    @Test
    void aCallWhoseFellowRequestsNeverCallLeavesAfterTheDelay() throws Exception {
        // two registered requests, only one calls: it waits for the other up to max-delay, then runs alone
        Duration delay = Duration.ofMillis(300);
        EncoderQueueTest.Counting engine = new EncoderQueueTest.Counting(encoder);
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(1 << 16, 32, 16, delay));
                EncoderQueue.Registration caller = queue.enter();
                EncoderQueue.Registration silent = queue.enter()) {
            long started = System.nanoTime();
            EncoderOutput out = CompletableFuture.supplyAsync(() -> queue.run(input(1, 12, 4), HIDDEN_AND_ROLLOUT))
                    .get(60, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("held for the other registered request")
                    .isGreaterThanOrEqualTo(delay);
            assertThat(out.seqLength()).isEqualTo(12);
            assertThat(engine.runs.get()).isEqualTo(1);
        }
    }

    @Test
    void callsThatFillTheTokenBudgetLeaveWithoutWaitingForTheRest() throws Exception {
        // three registered requests, the hour-long delay: two calls of 2 × 64 tokens reach the 256-token budget, so
        // they run at once instead of waiting for the third
        EncoderQueueTest.Counting engine = new EncoderQueueTest.Counting(encoder);
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(256, 32, 16, NEVER));
                EncoderQueue.Registration a = queue.enter();
                EncoderQueue.Registration b = queue.enter();
                EncoderQueue.Registration silent = queue.enter()) {
            CompletableFuture<EncoderOutput> first = CompletableFuture.supplyAsync(() -> queue.run(input(2, 64, 5), HIDDEN_AND_ROLLOUT));
            CompletableFuture<EncoderOutput> second = CompletableFuture.supplyAsync(() -> queue.run(input(2, 64, 6), HIDDEN_AND_ROLLOUT));
            assertThat(first.get(60, TimeUnit.SECONDS).batchSize()).isEqualTo(2);
            assertThat(second.get(60, TimeUnit.SECONDS).batchSize()).isEqualTo(2);
            assertThat(engine.runs.get()).as("at most one batch each").isBetween(1, 2);
        }
    }
}
