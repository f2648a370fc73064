package dev.attentionqa.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * End-to-end benchmark on a real broker, in three phases over one fixed mix:
 * <ol>
 * <li>sustained: the mix produced up front, then the worker drains the backlog; the rate is read from the answers'
 *     timestamps between the 10th and 90th percentile, so consumer start and the last partial batch do not count;</li>
 * <li>engine only: the same mix answered in micro-batches by the worker's own answering code, no Kafka (after the
 *     sustained phase, so that neither phase pays for warm-up the other did not);</li>
 * <li>latency: requests offered at fixed fractions of that rate (open loop), latency = answer timestamp − request
 *     timestamp (one clock: everything runs in this JVM).</li>
 * </ol>
 */
public final class E2eBenchmark {

    /** Answers one micro-batch of request records, the way the worker does (parse, encode, explain, serialise). */
    public interface BatchAnswering {
        /** Returns how many were answered (the rest were refused). */
        int answer(List<ConsumerRecord<String, byte[]>> batch);
    }

    /** Topics the worker reads and writes. */
    public record Topics(String requests, String answers, String deadLetters) {
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, Object> kafka;
    private final Topics topics;
    private final BatchAnswering engine;
    private final Runnable startWorker;
    private final int maxRequests;
    private final Consumer<String> log;
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();

    /**
     * @param kafka       client settings (bootstrap servers, security)
     * @param startWorker starts the worker's consumer on {@code topics.requests} (a no-op when it already runs)
     */
    public E2eBenchmark(Map<String, Object> kafka, Topics topics, BatchAnswering engine, Runnable startWorker,
                        int maxRequests, Consumer<String> log) {
        this.kafka = kafka;
        this.topics = topics;
        this.engine = engine;
        this.startWorker = startWorker;
        this.maxRequests = maxRequests;
        this.log = log;
    }

    public E2eResult run(MixSource mix, int requests, int longEvery, int latencyRequests, double[] fractions)
            throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (AnswerReader reader = new AnswerReader();
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka, new StringSerializer(),
                        new ByteArraySerializer())) {
            reader.start();
            List<String> ids = produce(producer, mix.requests(requests, longEvery, "sustained-" + run), 0);
            startWorker.run();
            double sustained = sustainedRate(awaitAnswers(ids));
            // Engine only after the worker drained the mix, so both phases run warm (the worker then idles).
            double[] engineOnly = engineOnly(mix.requests(requests, longEvery, "engine-" + run).stream()
                    .map(MixSource.Request::value).toList());
            log.accept(String.format("engine only: %.2f answers/s, median micro-batch of %d: %.0f ms", engineOnly[0],
                    maxRequests, engineOnly[1]));
            log.accept(String.format("sustained: %.2f answers/s (%.0f %% of engine only)", sustained,
                    100 * sustained / engineOnly[0]));
            List<E2eResult.Load> loads = new ArrayList<>();
            for (double f : fractions) {
                String prefix = "load" + Math.round(f * 100) + "-" + run;
                long[] sentAt = new long[latencyRequests];
                List<String> offered = produce(producer, mix.requests(latencyRequests, longEvery, prefix),
                        f * sustained, sentAt);
                Map<String, Long> answered = awaitAnswers(offered);
                long[] latency = new long[offered.size()];
                for (int i = 0; i < latency.length; i++) {
                    latency[i] = answered.get(offered.get(i)) - sentAt[i];
                }
                LatencyStats stats = LatencyStats.of(latency);
                loads.add(new E2eResult.Load(f, f * sustained, stats, stats.p99() / engineOnly[1]));
                log.accept(String.format("%.0f %% load (%.2f/s): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%.2f × micro-batch)",
                        100 * f, f * sustained, stats.p50(), stats.p95(), stats.p99(), stats.p99() / engineOnly[1]));
            }
            return new E2eResult(requests, longEvery, maxRequests, engineOnly[0], engineOnly[1], sustained,
                    sustained / engineOnly[0], loads);
        }
    }

    /** The mix, answered one micro-batch at a time: {answers per second, median micro-batch milliseconds}. */
    private double[] engineOnly(List<byte[]> mix) {
        engine.answer(records(mix.subList(0, Math.min(maxRequests, mix.size())), 0)); // warm-up at the batch shape
        long start = System.nanoTime();
        List<Long> batchNanos = new ArrayList<>();
        for (int from = 0; from < mix.size(); from += maxRequests) {
            List<byte[]> chunk = mix.subList(from, Math.min(mix.size(), from + maxRequests));
            long t = System.nanoTime();
            int answered = engine.answer(records(chunk, from));
            if (answered != chunk.size()) {
                throw new IllegalStateException((chunk.size() - answered) + " requests of the mix were refused");
            }
            if (chunk.size() == maxRequests) {
                batchNanos.add(System.nanoTime() - t);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ms = batchNanos.stream().mapToLong(n -> n / 1_000_000).toArray();
        return new double[] {mix.size() / seconds, ms.length == 0 ? Double.NaN : LatencyStats.of(ms).p50()};
    }

    private List<ConsumerRecord<String, byte[]>> records(List<byte[]> values, int firstOffset) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new ConsumerRecord<>(topics.requests(), 0, firstOffset + i, "k" + i, values.get(i)));
        }
        return records;
    }

    private List<String> produce(KafkaProducer<String, byte[]> producer, List<MixSource.Request> mix, double perSecond)
            throws InterruptedException {
        return produce(producer, mix, perSecond, new long[mix.size()]);
    }

    /** Sends the mix, all at once ({@code perSecond} ≤ 0) or paced; records each send time in {@code sentAt}. */
    private List<String> produce(KafkaProducer<String, byte[]> producer, List<MixSource.Request> mix, double perSecond,
                                 long[] sentAt) throws InterruptedException {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            MixSource.Request r = mix.get(i);
            sentAt[i] = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(topics.requests(), null, sentAt[i], r.id(), r.value()));
            ids.add(r.id());
        }
        producer.flush();
        return ids;
    }

    private Map<String, Long> awaitAnswers(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (!answeredAt.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                long missing = ids.stream().filter(id -> !answeredAt.containsKey(id)).count();
                throw new IllegalStateException(missing + " of " + ids.size() + " requests unanswered after " + ANSWER_TIMEOUT);
            }
            Thread.sleep(50);
        }
        Map<String, Long> out = new HashMap<>();
        ids.forEach(id -> out.put(id, answeredAt.get(id)));
        return out;
    }

    /**
     * Answers per second between the 10th and 90th percentile answer times. Answers come in bursts (a micro-batch
     * is written at once), so only those strictly after the first bound count: counting the whole burst at the
     * lower bound would credit the window with a batch finished before it began.
     */
    static double sustainedRate(Map<String, Long> answered) {
        long[] times = answered.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long first = times[times.length / 10];
        long last = times[times.length - 1 - times.length / 10];
        long inWindow = java.util.Arrays.stream(times).filter(t -> t > first && t <= last).count();
        return inWindow / (Math.max(1, last - first) / 1000.0);
    }

    /** Records the time of every answer and dead letter (their record timestamps), by request key. */
    private final class AnswerReader implements AutoCloseable {
        private final Thread thread = new Thread(this::read, "bench-answer-reader");
        private volatile boolean running = true;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put("group.id", "bench-reader-" + UUID.randomUUID());
            config.put("auto.offset.reset", "earliest"); // the ids are new to this run
            config.put("isolation.level", "read_committed");
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.answers(), topics.deadLetters()));
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.key() != null) {
                            answeredAt.putIfAbsent(r.key(), r.timestamp());
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
