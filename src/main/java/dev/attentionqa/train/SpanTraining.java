package dev.attentionqa.train;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.train.SpanBatch;
import dev.attentionqa.model.train.SpanTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The training loop: batches in {@link BatchOrder}, rates from {@link LearningRateSchedule}, one
 * {@link SpanTrainer#step} each, a progress line, and a checkpoint every {@code checkpointEvery} and when
 * {@code stopRequested} turns true (SIGTERM), after which it returns.
 */
public final class SpanTraining {

    /** How the loop ended. */
    public enum Outcome { FINISHED, STOPPED }

    private final SpanTrainer trainer;
    private final List<TrainingFeature> features;
    private final long padId;
    private final TrainingCheckpoint checkpoint;
    private final Duration checkpointEvery;
    private final PrintStream progress;

    public SpanTraining(SpanTrainer trainer, List<TrainingFeature> features, long padId, TrainingCheckpoint checkpoint,
                        Duration checkpointEvery, PrintStream progress) {
        this.trainer = trainer;
        this.features = features;
        this.padId = padId;
        this.checkpoint = checkpoint;
        this.checkpointEvery = checkpointEvery;
        this.progress = progress;
    }

    /** Steps per epoch for {@code features} at {@code batchSize}. */
    public static long stepsPerEpoch(int features, int batchSize) {
        return (features + batchSize - 1) / batchSize;
    }

    /** Trains from {@code state} to its total steps or until stopped; returns the outcome and the last state. */
    public Result run(TrainingState state, BooleanSupplier stopRequested) throws IOException {
        TrainingRun run = state.run();
        long perEpoch = stepsPerEpoch(features.size(), run.batchSize());
        LearningRateSchedule schedule = new LearningRateSchedule(run.learningRate(),
                Math.round(run.warmup() * state.totalSteps()), state.totalSteps());
        long lastSave = System.nanoTime();
        long windowStart = System.nanoTime();
        long windowExamples = 0;
        int epoch = -1;
        List<int[]> batches = null;
        while (state.completedSteps() < state.totalSteps()) {
            long t = state.completedSteps() + 1;
            if (epoch != (int) ((t - 1) / perEpoch)) {
                epoch = (int) ((t - 1) / perEpoch);
                batches = BatchOrder.of(features, run.batchSize(), run.seed(), epoch);
            }
            int[] indices = batches.get((int) ((t - 1) % perEpoch));
            SpanBatch batch = BatchPadding.of(features, indices, padId);
            long started = System.nanoTime();
            SpanTrainer.StepResult r = trainer.step(batch, (float) schedule.at(t), t, (float) run.dropout(),
                    run.seed() * 1_000_000_007L + t);
            if (!Float.isFinite(r.loss())) {
                throw new IllegalStateException("loss is not finite at step " + t + " (got " + r.loss() + ")");
            }
            state = state.after(1, (System.nanoTime() - started) / 1e9, r.loss());
            windowExamples += indices.length;
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            if (t % 10 == 0 || t == state.totalSteps()) {
                print(state, epoch, r, schedule.at(t), windowExamples / windowSeconds, batch.input().seqLength());
                windowStart = System.nanoTime();
                windowExamples = 0;
            }
            boolean stop = stopRequested.getAsBoolean();
            if (stop || System.nanoTime() - lastSave >= checkpointEvery.toNanos() || t == state.totalSteps()) {
                Duration took = save(state);
                progress.printf("%ncheckpoint at step %d (%.1f s)%n", t, took.toMillis() / 1e3);
                lastSave = System.nanoTime();
            }
            if (stop) {
                return new Result(Outcome.STOPPED, state);
            }
        }
        return new Result(Outcome.FINISHED, state);
    }

    /** Outcome and the state reached. */
    public record Result(Outcome outcome, TrainingState state) {
    }

    private Duration save(TrainingState state) throws IOException {
        long started = System.nanoTime();
        java.util.Map<String, ArrayTensor> parameters = trainer.parameters();
        checkpoint.save(new TrainingCheckpoint.Saved(state, parameters, trainer.moments()));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void print(TrainingState s, int epoch, SpanTrainer.StepResult r, double lr, double examplesPerSecond,
                       int seq) {
        double perStep = s.seconds() / Math.max(1, s.completedSteps());
        long left = Math.round((s.totalSteps() - s.completedSteps()) * perStep);
        int width = 30;
        int filled = (int) (width * s.completedSteps() / s.totalSteps());
        progress.printf("\r[%s%s] step %d/%d epoch %d  loss %.3f (avg %.3f)  |g| %.2f  lr %.2e  %.1f ex/s  seq %d  left %d:%02d:%02d",
                "#".repeat(filled), " ".repeat(width - filled), s.completedSteps(), s.totalSteps(), epoch + 1, r.loss(),
                s.smoothedLoss(), r.gradientNorm(), lr, examplesPerSecond, seq, left / 3600, left / 60 % 60, left % 60);
        progress.flush();
    }
}
