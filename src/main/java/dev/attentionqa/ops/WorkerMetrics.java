package dev.attentionqa.ops;

import dev.attentionqa.model.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The worker's own meters (README "Metrics"): request outcomes, queue and inference time, encoder batches, model. */
@ApplicationScoped
public class WorkerMetrics implements RunListener {

    /** Tag value of {@code reason} on answered requests (Prometheus wants the same label names on every series). */
    public static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final Timer inference;
    private final Timer queue;
    private final Timer microBatchTime;
    private final DistributionSummary microBatchTokens;
    private final DistributionSummary batchSize;
    private final DistributionSummary batchTokens;
    private final DistributionSummary microBatch;
    private final Counter tokens;
    private final AtomicLong tokensPerSecond = new AtomicLong();
    private final StartupTimes startup;
    private final InferenceWatch watch;

    @Inject
    public WorkerMetrics(MeterRegistry registry, StartupTimes startup, InferenceWatch watch) {
        this.registry = registry;
        this.startup = startup;
        this.watch = watch;
        Gauge.builder("qa.inference.oldest.seconds", watch, w -> w.oldestInFlight().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .description("Age of the oldest request in inference (0 when none): slowness stays visible").register(registry);
        Gauge.builder("qa.engine.since.progress.seconds", watch, w -> w.sinceProgress().toNanos() / 1e9)
                .description("Time since the engine last finished a model batch").register(registry);
        inference = histogram(Timer.builder("qa.inference.time").description("Time to answer one request"));
        queue = histogram(Timer.builder("qa.queue.time").description("Time a request waited in the topic"));
        batchSize = DistributionSummary.builder("qa.encoder.batch.size")
                .description("Sequences per encoder run").publishPercentileHistogram().register(registry);
        batchTokens = DistributionSummary.builder("qa.encoder.batch.tokens")
                .description("Real (unpadded) tokens per encoder run").publishPercentileHistogram().register(registry);
        microBatch = DistributionSummary.builder("qa.micro.batch.requests")
                .description("Requests taken from the topic and answered together").publishPercentileHistogram()
                .register(registry);
        microBatchTokens = DistributionSummary.builder("qa.micro.batch.model.tokens")
                .description("Model tokens (every window of every request) per micro-batch, bounded by qa.batching.max-tokens")
                .publishPercentileHistogram().register(registry);
        microBatchTime = histogram(Timer.builder("qa.micro.batch.time")
                .description("Time to answer a micro-batch (its outputs are written after)"));
        tokens = Counter.builder("qa.encoder.tokens").description("Real tokens encoded").register(registry);
        Gauge.builder("qa.encoder.tokens.per.second", tokensPerSecond, AtomicLong::get)
                .description("Throughput of the latest encoder run, in real tokens per second").register(registry);
    }

    private Timer histogram(Timer.Builder builder) {
        return builder.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    /** A micro-batch of {@code requests} records, {@code modelTokens} tokens of model work, was taken from the topic. */
    public void microBatch(int requests, long modelTokens) {
        microBatch.record(requests);
        microBatchTokens.record(modelTokens);
    }

    /** A micro-batch was answered and settled (delivered, rewound or abandoned) {@code took} after it was taken. */
    public void microBatchSettled(Duration took) {
        microBatchTime.record(took);
    }

    /** A request was answered and the answer acknowledged by the broker. */
    public void answered(Duration queued, Duration inferred) {
        outcome("answered", NO_REASON, queued);
        inference.record(inferred);
        startup.answered();
    }

    /** A request was refused (bad input) and its dead letter acknowledged; {@code code} is the dead-letter code. */
    public void deadLettered(String code, Duration queued) {
        outcome("dead_lettered", code, queued);
        registry.counter("qa.dead.letters", "reason", code).increment();
    }

    /** Answering failed unexpectedly; the request was dead-lettered with {@code code}. */
    public void failed(String code, Duration queued) {
        outcome("failed", code, queued);
        registry.counter("qa.dead.letters", "reason", code).increment();
    }

    private void outcome(String outcome, String reason, Duration queued) {
        registry.counter("qa.requests", "outcome", outcome, "reason", reason).increment();
        queue.record(queued);
    }

    /** The loaded model and where it runs, as a gauge of 1 with labels. */
    public void modelLoaded(String mode, String name, String revision, String device) {
        Gauge.builder("qa.model.info", () -> 1).description("A loaded model and the answer mode it serves (always 1)")
                .tags("mode", mode, "name", name, "revision", revision, "device", device).register(registry);
    }

    @Override
    public void afterRun(int batch, int seqLength, long realTokens, long nanos) {
        watch.progress();
        batchSize.record(batch);
        batchTokens.record(realTokens);
        tokens.increment(realTokens);
        tokensPerSecond.set(nanos > 0 ? realTokens * 1_000_000_000L / nanos : 0);
    }
}
