package dev.attentionqa.messaging;

import dev.attentionqa.batching.EncoderQueue;
import dev.attentionqa.batching.EncoderQueues;
import dev.attentionqa.config.WorkerConfig;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers the requests of one micro-batch at the same time, one thread each, so that their encoder calls meet in
 * the {@link EncoderQueues} and run as a few model batches; returns the outcomes in record order.
 */
@ApplicationScoped
public class MicroBatchAnswerer {

    private final RequestHandler handler;
    private final EncoderQueues queue;
    private final ExecutorService threads;

    @Inject
    MicroBatchAnswerer(RequestHandler handler, EncoderQueues queue, WorkerConfig config) {
        this.handler = handler;
        this.queue = queue;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(config.batching().maxRequests(), r -> {
            Thread t = new Thread(r, "qa-answer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Answers {@code records}, each continuing the trace at the same index of {@code traces}; outcomes in record order. */
    List<Outcome> answer(List<ConsumerRecord<String, byte[]>> records, List<Context> traces) {
        return start(records, traces).join();
    }

    /** Starts answering; the outcomes, in record order, complete the future (never exceptionally: see RequestHandler). */
    CompletableFuture<List<Outcome>> start(List<ConsumerRecord<String, byte[]>> records, List<Context> traces) {
        // Register every request before any starts, so the first encoder call already waits for the others.
        List<EncoderQueue.Registration> registrations = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            registrations.add(queue.enter());
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Context trace = traces.get(i);
            EncoderQueue.Registration registration = registrations.get(i);
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try (registration) {
                    return handler.handle(record, trace);
                }
            }, threads));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    /** Answers a batch without writing anything (the engine-only figure of {@code bench e2e}); returns how many were answered. */
    public int answerWithoutWriting(List<ConsumerRecord<String, byte[]>> records) {
        List<Context> traces = java.util.Collections.nCopies(records.size(), Context.root());
        return (int) answer(records, traces).stream().filter(o -> o.kind() == Outcome.Kind.ANSWERED).count();
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
