package dev.attentionqa.batching;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.EngineOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The real MiniLM encoder that the queue tests put behind a queue (one per test class), and a delay that never ends. */
abstract class QueueOnMiniLm {

    static final Set<EncoderOutput.Kind> HIDDEN_AND_ROLLOUT = EnumSet.of(EncoderOutput.Kind.HIDDEN,
            EncoderOutput.Kind.ROLLOUT);
    static final Duration NEVER = Duration.ofHours(1);

    static Encoder encoder;

    @BeforeAll
    static void loadEncoder() {
        encoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults());
    }

    @AfterAll
    static void closeEncoder() {
        encoder.close();
    }

    /** The live dispatcher thread of the test's queue (the only one waiting in {@code dispatch}). */
    static Thread dispatcher() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("qa-encoder-queue") && t.isAlive())
                .filter(t -> Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("dispatch")))
                .findFirst().orElseThrow();
    }
}
