package dev.attentionqa.batching;

import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.ForwardingEncoder;
import dev.attentionqa.model.InvalidEncoderInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The queue in front of the real MiniLM encoder: calls of registered requests made at the same time run as one
 * model batch, and each caller gets exactly the rows it would have got alone.
 */
class EncoderQueueTest extends QueueOnMiniLm {

    @Test
    void callsMadeTogetherShareOneModelBatchAndGetTheirOwnRows() throws Exception {
        Counting engine = new Counting(encoder);
        List<EncoderInput> inputs = List.of(input(1, 9, 1), input(2, 37, 2), input(1, 5, 3), input(3, 20, 4),
                input(1, 64, 5), input(1, 13, 6));
        List<EncoderOutput> batched = new ArrayList<>();
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(1 << 16, 64, 16, NEVER))) {
            List<EncoderQueue.Registration> registrations = inputs.stream().map(i -> queue.enter()).toList();
            List<CompletableFuture<EncoderOutput>> calls = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                EncoderInput in = inputs.get(i);
                EncoderQueue.Registration r = registrations.get(i);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try (r) {
                        return queue.run(in, HIDDEN_AND_ROLLOUT);
                    }
                }));
            }
            for (CompletableFuture<EncoderOutput> call : calls) {
                batched.add(call.get(120, TimeUnit.SECONDS));
            }
        }

        assertThat(engine.runs.get()).as("one model batch for six callers").isEqualTo(1);
        assertThat(engine.lastRows).isEqualTo(9);
        assertThat(engine.lastLength).as("64 is already a multiple of 16").isEqualTo(64);
        for (int i = 0; i < inputs.size(); i++) {
            EncoderOutput alone = encoder.run(inputs.get(i), HIDDEN_AND_ROLLOUT);
            EncoderOutput shared = batched.get(i);
            assertThat(shared.batchSize()).isEqualTo(alone.batchSize());
            assertThat(shared.seqLength()).isEqualTo(alone.seqLength());
            assertClose(shared.get(EncoderOutput.Kind.HIDDEN).data(), alone.get(EncoderOutput.Kind.HIDDEN).data());
            assertClose(shared.get(EncoderOutput.Kind.ROLLOUT).data(), alone.get(EncoderOutput.Kind.ROLLOUT).data());
        }
    }

    @Test
    void aCallerThatNeverRegisteredDoesNotWaitForTheDelay() throws Exception {
        try (EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(4096, 32, 16, NEVER))) {
            EncoderOutput out = CompletableFuture.supplyAsync(() -> queue.run(input(1, 12, 9), HIDDEN_AND_ROLLOUT))
                    .get(60, TimeUnit.SECONDS); // far below the hour-long delay
            assertThat(out.seqLength()).isEqualTo(12);
        }
    }

    @Test
    void callsFetchingDifferentOutputsRunApart() throws Exception {
        Counting engine = new Counting(encoder);
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(1 << 16, 64, 8, NEVER))) {
            EncoderQueue.Registration a = queue.enter();
            EncoderQueue.Registration b = queue.enter();
            var first = CompletableFuture.supplyAsync(() -> {
                try (a) {
                    return queue.run(input(1, 10, 1), EnumSet.of(EncoderOutput.Kind.HIDDEN));
                }
            });
            var second = CompletableFuture.supplyAsync(() -> {
                try (b) {
                    return queue.run(input(1, 10, 2), EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION));
                }
            });
            assertThat(first.get(120, TimeUnit.SECONDS).kinds()).containsExactly(EncoderOutput.Kind.HIDDEN);
            assertThat(second.get(120, TimeUnit.SECONDS).kinds()).containsExactly(EncoderOutput.Kind.MEAN_ATTENTION);
        }
        assertThat(engine.runs.get()).isEqualTo(2);
    }

    @Test
    void anInvalidCallFailsAloneBeforeJoiningABatch() throws Exception {
        // two registered requests call at the same time: the invalid call must fail without joining the model batch,
        // and the valid one must get its rows from a batch of its own, once the failed request has left the queue
        Counting engine = new Counting(encoder);
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(4096, 32, 16, NEVER))) {
            EncoderQueue.Registration bad = queue.enter();
            EncoderQueue.Registration good = queue.enter();
            long[][] tooLong = new long[1][600];
            CompletableFuture<Throwable> failed = CompletableFuture.supplyAsync(() -> {
                try (bad) {
                    queue.run(EncoderInput.unpadded(tooLong), HIDDEN_AND_ROLLOUT);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            CompletableFuture<EncoderOutput> answered = CompletableFuture.supplyAsync(() -> {
                try (good) {
                    return queue.run(input(1, 8, 3), HIDDEN_AND_ROLLOUT);
                }
            });
            assertThat(failed.get(60, TimeUnit.SECONDS)).isInstanceOf(InvalidEncoderInputException.class)
                    .hasMessageContaining("(got 600)");
            EncoderOutput out = answered.get(60, TimeUnit.SECONDS); // far below the hour-long delay
            assertThat(engine.runs.get()).as("one model batch: the invalid call never joined").isEqualTo(1);
            assertThat(engine.lastRows).as("only the valid call's row").isEqualTo(1);
            assertClose(out.get(EncoderOutput.Kind.HIDDEN).data(),
                    encoder.run(input(1, 8, 3), HIDDEN_AND_ROLLOUT).get(EncoderOutput.Kind.HIDDEN).data());
        }
    }

    /** {@code rows} sequences of {@code length} ids, the last row shorter (padded with a zero mask). */
    static EncoderInput input(int rows, int length, long seed) {
        Random random = new Random(seed);
        long[][] ids = new long[rows][length];
        long[][] mask = new long[rows][length];
        for (int r = 0; r < rows; r++) {
            int real = r == rows - 1 && rows > 1 ? length / 2 : length;
            for (int s = 0; s < real; s++) {
                ids[r][s] = s == 0 ? 101 : s == real - 1 ? 102 : 1996 + random.nextInt(20000);
                mask[r][s] = 1;
            }
        }
        return new EncoderInput(ids, mask, new long[rows][length]);
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        float worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("largest difference").isLessThan(1e-4f);
    }

    @Test
    void anErrorFromTheEngineFailsTheWaitingCallAtOnceAndStopsTheQueue() {
        Breaking engine = new Breaking(encoder, () -> new OutOfMemoryError("Java heap space (injected)"));
        try (EncoderQueue queue = new EncoderQueue(engine, new BatchBounds(4096, 32, 16, NEVER))) {
            EncoderInput in = input(1, 9, 7);
            // before the fix the dispatcher died with the Error and this call waited for ever
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> queue.run(in, HIDDEN_AND_ROLLOUT))
                            .hasRootCauseInstanceOf(OutOfMemoryError.class));
            assertThat(queue.failure()).get().isInstanceOf(OutOfMemoryError.class);
            engine.healthy = true; // the engine would work again, but the queue has stopped: later calls fail at once
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> queue.run(in, HIDDEN_AND_ROLLOUT))
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining("encoder queue stopped"));
            assertThat(new EncoderQueues(Map.of("span", queue)).failure()).get().asString()
                    .startsWith("span: java.lang.OutOfMemoryError");
        }
    }

    @Test
    void anInterruptedDispatcherStopsTheQueueInsteadOfLeavingCallsWaiting() throws Exception {
        try (EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(4096, 32, 16, NEVER))) {
            Thread dispatcher = dispatcher();
            dispatcher.interrupt();
            dispatcher.join(5_000);
            assertThat(queue.failure()).get().asString().contains("encoder queue interrupted");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> queue.run(input(1, 5, 8), HIDDEN_AND_ROLLOUT))
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining("encoder queue stopped"));
        }
    }

    /** The real encoder behind a wrapper that tests can instrument. */
    abstract static class Wrapped extends ForwardingEncoder {
        Wrapped(BatchEncoder engine) {
            super(engine);
        }
    }

    /** The real encoder, failing with an injected Error until {@code healthy} is set. */
    private static final class Breaking extends Wrapped {
        final Supplier<Error> error;
        volatile boolean healthy;

        Breaking(BatchEncoder engine, Supplier<Error> error) {
            super(engine);
            this.error = error;
        }

        @Override
        public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
            if (!healthy) {
                throw error.get();
            }
            return engine.run(in, fetch);
        }
    }

    /** The real encoder, counting its runs and remembering the last batch shape. */
    static final class Counting extends Wrapped {
        final AtomicInteger runs = new AtomicInteger();
        volatile int lastRows;
        volatile int lastLength;

        Counting(BatchEncoder engine) {
            super(engine);
        }

        @Override
        public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
            runs.incrementAndGet();
            lastRows = in.batchSize();
            lastLength = in.seqLength();
            return engine.run(in, fetch);
        }
    }
}
