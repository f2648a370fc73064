package dev.attentionqa.batching;

import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.attentionqa.batching.EncoderQueueTest.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The queue's edges on the real MiniLM encoder: what leaves a batch early (a closed registration, a budget met
 * exactly), how an engine failure fans out, how the merged batch is padded, and how the queue stops. Each wait that
 * a broken queue would turn into an hour-long one is bounded by a timeout.
 */
class EncoderQueueEdgesTest extends QueueOnMiniLm {

    private static final Set<EncoderOutput.Kind> HIDDEN = EnumSet.of(EncoderOutput.Kind.HIDDEN);

    @Test
    void closingTheRegistrationOfARequestThatWillNotCallReleasesTheOthers() throws Exception {
        try (EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(1 << 16, 32, 16, NEVER));
                EncoderQueue.Registration caller = queue.enter()) {
            EncoderQueue.Registration other = queue.enter();
            CompletableFuture<EncoderOutput> call = CompletableFuture.supplyAsync(() -> queue.run(input(1, 9, 1), HIDDEN));
            Thread.sleep(200);
            assertThat(call).as("waits for the other registered request").isNotDone();
            other.close(); // it answered without the model (a dead letter, say)
            assertThat(call.get(30, TimeUnit.SECONDS).seqLength()).isEqualTo(9);
        }
    }

    @Test
    void callsThatMeetTheTokenBudgetExactlyLeaveAtOnce() throws Exception {
        try (EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(32, 32, 16, NEVER));
                EncoderQueue.Registration caller = queue.enter();
                EncoderQueue.Registration silent = queue.enter()) {
            EncoderOutput out = CompletableFuture.supplyAsync(() -> queue.run(input(2, 16, 2), HIDDEN))
                    .get(30, TimeUnit.SECONDS); // 2 × 16 = 32 tokens: the budget is met, not passed
            assertThat(out.batchSize()).isEqualTo(2);
        }
    }

    @Test
    void anExceptionFromTheEngineFailsEveryCallOfItsBatchAndTheQueueServesOn() throws Exception {
        EncoderQueueTest.Wrapped failingOnce = new EncoderQueueTest.Wrapped(encoder) {
            volatile boolean failed;

            @Override
            public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("engine failed (injected)");
                }
                return engine.run(in, fetch);
            }
        };
        try (EncoderQueue queue = new EncoderQueue(failingOnce, new BatchBounds(1 << 16, 32, 16, NEVER))) {
            EncoderQueue.Registration a = queue.enter();
            EncoderQueue.Registration b = queue.enter();
            CompletableFuture<EncoderOutput> first = CompletableFuture.supplyAsync(() -> {
                try (a) {
                    return queue.run(input(1, 9, 3), HIDDEN);
                }
            });
            CompletableFuture<EncoderOutput> second = CompletableFuture.supplyAsync(() -> {
                try (b) {
                    return queue.run(input(1, 12, 4), HIDDEN);
                }
            });
            for (CompletableFuture<EncoderOutput> call : java.util.List.of(first, second)) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasRootCauseMessage("engine failed (injected)");
            }
            assertThat(queue.failure()).isEmpty(); // a RuntimeException is the batch's, not the queue's
            assertThat(CompletableFuture.supplyAsync(() -> queue.run(input(1, 5, 5), HIDDEN)).get(30, TimeUnit.SECONDS)
                    .seqLength()).isEqualTo(5);
        }
    }

    @Test
    void shorterRowsArePaddedWithTheModelsPadIdAndKeepTheirTokenTypes() throws Exception {
        BertConfig padThree = new BertConfig(encoder.config().vocabSize(), encoder.config().hiddenSize(),
                encoder.config().numLayers(), encoder.config().numHeads(), encoder.config().intermediateSize(),
                encoder.config().maxPositions(), encoder.config().typeVocabSize(), encoder.config().layerNormEps(),
                encoder.config().hiddenAct(), encoder.config().modelType(), false, 3);
        EncoderInput[] seen = new EncoderInput[1];
        EncoderQueueTest.Wrapped recording = new EncoderQueueTest.Wrapped(encoder) {
            @Override
            public BertConfig config() {
                return padThree;
            }

            @Override
            public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
                seen[0] = in;
                return engine.run(in, fetch);
            }
        };
        EncoderInput pair = input(1, 20, 6);
        Arrays.fill(pair.tokenTypeIds()[0], 10, 20, 1L); // a question/context pair: types 1 on the second segment
        try (EncoderQueue queue = new EncoderQueue(recording, new BatchBounds(1 << 16, 32, 16, NEVER))) {
            EncoderQueue.Registration a = queue.enter();
            EncoderQueue.Registration b = queue.enter();
            var shortCall = CompletableFuture.supplyAsync(() -> {
                try (a) {
                    return queue.run(input(1, 5, 7), HIDDEN);
                }
            });
            var pairCall = CompletableFuture.supplyAsync(() -> {
                try (b) {
                    return queue.run(pair, HIDDEN);
                }
            });
            shortCall.get(30, TimeUnit.SECONDS);
            EncoderOutput viaQueue = pairCall.get(30, TimeUnit.SECONDS);
            int shortRow = seen[0].inputIds()[0][6] == 3 ? 0 : 1;
            assertThat(Arrays.copyOfRange(seen[0].inputIds()[shortRow], 5, 32)).containsOnly(3L);
            assertThat(Arrays.copyOfRange(seen[0].attentionMask()[shortRow], 5, 32)).containsOnly(0L);
            assertThat(seen[0].tokenTypeIds()[1 - shortRow]).startsWith(pair.tokenTypeIds()[0]);
            float[] alone = encoder.run(pair, HIDDEN).get(EncoderOutput.Kind.HIDDEN).data();
            float[] shared = viaQueue.get(EncoderOutput.Kind.HIDDEN).data();
            for (int i = 0; i < alone.length; i++) {
                assertThat(shared[i]).isCloseTo(alone[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void anInterruptFailsTheCallsAlreadyWaiting() throws Exception {
        try (EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(1 << 16, 32, 16, NEVER));
                EncoderQueue.Registration caller = queue.enter();
                EncoderQueue.Registration silent = queue.enter()) {
            CompletableFuture<EncoderOutput> waiting = CompletableFuture.supplyAsync(() -> queue.run(input(1, 9, 8), HIDDEN));
            Thread.sleep(200); // queued, held for the silent request
            Thread dispatcher = dispatcher();
            dispatcher.interrupt();
            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void closeEndsAnIdleQueueAtOnceAndLaterCallsAreRefused() {
        EncoderQueue queue = new EncoderQueue(encoder, new BatchBounds(1 << 16, 32, 16, NEVER));
        assertTimeoutPreemptively(Duration.ofSeconds(5), queue::close); // without waking the dispatcher: 10 s
        assertThatThrownBy(() -> queue.run(input(1, 5, 9), HIDDEN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theQueuesOfEveryModeAreReachedByModeAndRegisteredTogether() throws Exception {
        EncoderQueue span = new EncoderQueue(encoder, new BatchBounds(1 << 16, 32, 16, NEVER));
        EncoderQueue sentence = new EncoderQueue(encoder, new BatchBounds(1 << 16, 32, 16, NEVER));
        try (EncoderQueues queues = new EncoderQueues(Map.of("span", span, "sentence", sentence))) {
            assertThat(queues.get("span")).isSameAs(span);
            assertThat(queues.get("sentence").config()).isEqualTo(encoder.config());
            assertThat(queues.get("sentence").info()).isEqualTo(encoder.info());
            assertThatThrownBy(() -> queues.get("poem")).hasMessageContaining("no encoder queue for mode poem");
            EncoderQueue.Registration both = queues.enter();
            EncoderQueue.Registration mine = span.enter();
            CompletableFuture<EncoderOutput> call = CompletableFuture.supplyAsync(() -> span.run(input(1, 9, 10), HIDDEN));
            Thread.sleep(200);
            assertThat(call).as("held for the request registered through EncoderQueues").isNotDone();
            both.close();
            mine.close();
            assertThat(call.get(30, TimeUnit.SECONDS).seqLength()).isEqualTo(9);
            assertThat(queues.failure()).isEmpty();
        }
        assertThatThrownBy(() -> span.run(input(1, 5, 11), HIDDEN)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sentence.run(input(1, 5, 12), HIDDEN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchBoundsAcceptTheirSmallestValuesAndRefuseZero() {
        assertThat(new BatchBounds(1, 1, 1, Duration.ZERO).padded(5, 5)).isEqualTo(5);
        assertThatThrownBy(() -> new BatchBounds(0, 1, 1, Duration.ZERO)).hasMessageContaining("tokenBudget=0");
        assertThatThrownBy(() -> new BatchBounds(1, 0, 1, Duration.ZERO)).hasMessageContaining("maxRows=0");
        assertThatThrownBy(() -> new BatchBounds(1, 1, 0, Duration.ZERO)).hasMessageContaining("padMultiple=0");
        assertThatThrownBy(() -> new BatchBounds(1, 1, 1, Duration.ofMillis(-1))).hasMessageContaining("maxDelay");
    }
}
