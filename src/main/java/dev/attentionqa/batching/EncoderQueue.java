package dev.attentionqa.batching;

import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.InputAttribution;
import dev.attentionqa.model.SpanTargets;
import dev.attentionqa.model.ModelInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Micro-batching in front of the engine: requests answered at the same time each call {@link #run} from their own
 * thread; one dispatcher thread merges the calls waiting at that moment into model batches ({@link ModelBatchPlan})
 * and hands each caller its rows back. A batch leaves as soon as every registered request ({@link #enter}) is
 * waiting — nobody else could join — or the padded-token budget is full, or the oldest call has waited
 * {@code maxDelay}. A caller that never registered (a command answering one question) therefore never waits.
 */
public final class EncoderQueue implements BatchEncoder, AutoCloseable {

    /** One caller's batch, waiting for its rows. */
    private record Pending(EncoderInput input, Set<EncoderOutput.Kind> fetch, long enqueuedNanos,
                           CompletableFuture<EncoderOutput> result) {
    }

    /** Ends a registration made by {@link #enter}. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final BatchEncoder engine;
    private final BatchBounds bounds;
    private final Thread dispatcher;
    private final List<Pending> waiting = new ArrayList<>(); // guarded by this
    private int registered; // guarded by this
    private boolean closed; // guarded by this
    /** Why the dispatcher stopped (an Error from the engine, an interrupt); null while it runs. Guarded by this. */
    private Throwable failure;

    public EncoderQueue(BatchEncoder engine, BatchBounds bounds) {
        this.engine = engine;
        this.bounds = bounds;
        this.dispatcher = new Thread(this::dispatch, "qa-encoder-queue");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public BertConfig config() {
        return engine.config();
    }

    @Override
    public ModelInfo info() {
        return engine.info();
    }

    /** Registers the calling request: batches wait for it (up to {@code maxDelay}) until the registration closes. */
    public synchronized Registration enter() {
        registered++;
        return () -> {
            synchronized (EncoderQueue.this) {
                registered--;
                EncoderQueue.this.notifyAll();
            }
        };
    }

    @Override
    public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
        in.validateFor(engine.config()); // here, so that one bad call cannot fail the batch it would have joined
        Pending call = new Pending(in, Set.copyOf(fetch), System.nanoTime(), new CompletableFuture<>());
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException("encoder queue stopped: " + failure, failure);
            }
            if (closed) {
                throw new IllegalStateException("encoder queue is closed");
            }
            waiting.add(call);
            notifyAll();
        }
        try {
            return call.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Runs on the caller's thread, beside the dispatcher: its k interpolation points are one sequence's own batch,
     * which nothing could join.
     */
    @Override
    public InputAttribution integratedGradients(EncoderInput one, long[] baselineIds, int steps) {
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException("encoder queue stopped: " + failure, failure);
            }
        }
        return engine.integratedGradients(one, baselineIds, steps);
    }

    private void dispatch() {
        while (true) {
            List<Pending> calls;
            synchronized (this) {
                try {
                    while (!ready()) {
                        if (closed && waiting.isEmpty()) {
                            return;
                        }
                        wait(waiting.isEmpty() ? 0 : Math.max(1, remainingMillis()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop(new IllegalStateException("encoder queue interrupted", e));
                    return;
                }
                calls = new ArrayList<>(waiting);
                waiting.clear();
            }
            try {
                runGrouped(calls);
            } catch (Error e) {
                // An Error (out of memory, a broken native library) would end this thread silently and leave every
                // caller waiting until liveness trips: fail them now and refuse later calls; liveness reports it.
                calls.forEach(p -> p.result().completeExceptionally(e));
                stop(e);
                return;
            }
        }
    }

    /** Why the queue stopped serving calls, if it did (an Error from the engine, an interrupt). */
    public synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private synchronized void stop(Throwable why) {
        failure = why;
        closed = true;
        waiting.forEach(p -> p.result().completeExceptionally(why));
        waiting.clear();
        notifyAll();
    }

    /** Whether the waiting calls should leave now. */
    private boolean ready() {
        if (waiting.isEmpty()) {
            return false;
        }
        long tokens = 0;
        for (Pending p : waiting) {
            tokens += (long) p.input().batchSize() * p.input().seqLength();
        }
        return closed || waiting.size() >= registered || tokens >= bounds.tokenBudget() || remainingMillis() <= 0;
    }

    private long remainingMillis() {
        long waited = System.nanoTime() - waiting.get(0).enqueuedNanos();
        return (bounds.maxDelay().toNanos() - waited) / 1_000_000;
    }

    /** Calls fetching different outputs run in different batches. */
    private void runGrouped(List<Pending> calls) {
        while (!calls.isEmpty()) {
            Set<EncoderOutput.Kind> fetch = calls.get(0).fetch();
            List<Pending> same = calls.stream().filter(p -> p.fetch().equals(fetch)).toList();
            calls = new ArrayList<>(calls.stream().filter(p -> !p.fetch().equals(fetch)).toList());
            List<ModelBatchPlan.Call> shapes = same.stream()
                    .map(p -> new ModelBatchPlan.Call(p.input().batchSize(), p.input().seqLength())).toList();
            for (ModelBatchPlan.Batch batch : ModelBatchPlan.of(shapes, bounds, engine.config().maxSequenceLength())) {
                runBatch(batch.calls().stream().map(same::get).toList(), batch.paddedLength(), fetch);
            }
        }
    }

    private void runBatch(List<Pending> calls, int paddedLength, Set<EncoderOutput.Kind> fetch) {
        try {
            EncoderOutput out = engine.run(merged(calls, paddedLength), fetch);
            int row = 0;
            for (Pending p : calls) {
                int rows = p.input().batchSize();
                p.result().complete(out.rows(row, rows, p.input().seqLength()));
                row += rows;
            }
        } catch (RuntimeException e) {
            calls.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** The calls' rows one after the other, padded with the model's pad id and a zero mask. */
    private EncoderInput merged(List<Pending> calls, int paddedLength) {
        int rows = calls.stream().mapToInt(p -> p.input().batchSize()).sum();
        long[][] ids = new long[rows][paddedLength];
        long[][] mask = new long[rows][paddedLength];
        long[][] types = new long[rows][paddedLength];
        boolean targeted = calls.stream().allMatch(p -> p.input().targets() != null);
        // the same outputs fetched means the same kind of targets: fed spans, or spans the graph decodes
        boolean decoded = targeted && calls.get(0).input().targets().isDecoded();
        if (targeted && calls.stream().anyMatch(p -> p.input().targets().isDecoded() != decoded)) {
            throw new IllegalArgumentException("one batch cannot mix fed and decoded span targets (fetch "
                    + calls.get(0).fetch() + ")");
        }
        int[] starts = new int[rows];
        int[] ends = new int[rows];
        boolean[][] allowed = new boolean[rows][paddedLength];
        int row = 0;
        for (Pending p : calls) {
            EncoderInput in = p.input();
            for (int r = 0; r < in.batchSize(); r++, row++) {
                int length = in.seqLength();
                Arrays.fill(ids[row], engine.config().padTokenId());
                System.arraycopy(in.inputIds()[r], 0, ids[row], 0, length);
                System.arraycopy(in.attentionMask()[r], 0, mask[row], 0, length);
                System.arraycopy(in.tokenTypeIds()[r], 0, types[row], 0, length);
                if (targeted) {
                    if (!decoded) {
                        starts[row] = in.targets().starts()[r];
                        ends[row] = in.targets().ends()[r];
                    }
                    System.arraycopy(in.targets().allowed()[r], 0, allowed[row], 0, length);
                }
            }
        }
        return new EncoderInput(ids, mask, types, !targeted ? null
                : decoded ? SpanTargets.decoded(allowed) : new SpanTargets(starts, ends, allowed));
    }

    /** Runs what is waiting, then stops the dispatcher; later calls fail. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            dispatcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
