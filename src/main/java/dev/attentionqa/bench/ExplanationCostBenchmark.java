package dev.attentionqa.bench;

import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.Answer;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.SpanOptions;
import dev.attentionqa.qa.SpanPipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What each explanation method costs per span answer, beside the answer itself, in one run: answering and explaining
 * the same questions one at a time (batch 1) and eight at once through the worker's encoder queue (eight requests of
 * one micro-batch, whose explanation passes the queue merges into one model batch; integrated gradients run each
 * request's own k-step batch beside it).
 */
public final class ExplanationCostBenchmark {

    /** Concurrent requests of the batched measurement. */
    public static final int BATCH = 8;

    /** Milliseconds per answer at batch 1 and at {@link #BATCH}, keyed "answer" (no explanation) then by method. */
    public record Costs(Map<String, double[]> millisPerAnswer, int questions) {
    }

    private final SpanPipeline pipeline;
    private final Supplier<AutoCloseable> register;
    private final Consumer<String> log;

    /** @param register registers one request with the encoder queue (as the worker does per record) */
    public ExplanationCostBenchmark(SpanPipeline pipeline, Supplier<AutoCloseable> register, Consumer<String> log) {
        this.pipeline = pipeline;
        this.register = register;
        this.log = log;
    }

    public Costs run(List<SquadQuestion> questions) throws Exception {
        List<SquadQuestion> answered = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (SquadQuestion q : questions) { // also the warm-up: every shape met once
            QaResult r = pipeline.answer(q.question(), q.context(), SpanOptions.defaults().withTopK(1));
            if (!r.answers().isEmpty() && !r.answers().get(0).text().isEmpty()) {
                answered.add(q);
                answers.add(r.answers().get(0));
            }
        }
        Map<String, double[]> costs = new LinkedHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(BATCH);
        try {
            costs.put("answer", measure(answered.size(), threads, i -> pipeline.answer(answered.get(i).question(),
                    answered.get(i).context(), SpanOptions.defaults().withTopK(1))));
            log.accept(String.format("%-22s %8.1f %8.1f ms/answer", "answer (no explanation)",
                    costs.get("answer")[0], costs.get("answer")[1]));
            for (ExplanationMethod method : ExplanationMethod.values()) {
                double[] ms = measure(answered.size(), threads, i -> pipeline.explainAll(answered.get(i).question(),
                        answered.get(i).context(), answers.get(i), method));
                costs.put(method.id(), ms);
                log.accept(String.format("%-22s %8.1f %8.1f ms/answer", method.id(), ms[0], ms[1]));
            }
        } finally {
            threads.shutdownNow();
        }
        return new Costs(costs, answered.size());
    }

    /** Mean ms per item run one at a time, then {@link #BATCH} at a time registered together. */
    private double[] measure(int items, ExecutorService threads, java.util.function.IntConsumer work) throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < items; i++) {
            work.accept(i);
        }
        double alone = (System.nanoTime() - started) / 1e6 / items;
        started = System.nanoTime();
        for (int from = 0; from < items; from += BATCH) {
            int count = Math.min(BATCH, items - from);
            List<AutoCloseable> registrations = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                registrations.add(register.get()); // all registered first: the queue waits for every one
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int item = from + i;
                AutoCloseable registration = registrations.get(i);
                running.add(CompletableFuture.runAsync(() -> {
                    try (registration) {
                        work.accept(item);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
        return new double[] {alone, (System.nanoTime() - started) / 1e6 / items};
    }
}
