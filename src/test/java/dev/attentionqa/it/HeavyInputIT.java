package dev.attentionqa.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionqa.e2e.SeedData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built worker with its default settings under the heaviest valid input: 32 requests of ~199,000 characters
 * (SQuAD v1.1 dev paragraphs joined) sent at once, then a stream of short requests behind them. Every request is
 * answered exactly once, liveness (polled every second) never reads DOWN, the consumer group never rebalances, and
 * the figures are printed on one {@code HEAVY-SUMMARY} line. {@code -Dheavy.requests=N} sizes the run.
 */
class HeavyInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;
    private static final int CONTEXT_CHARS = 199_000;
    private static final Duration SHORT_EVERY = Duration.ofMillis(500);
    private static final Duration STALL_BOUND = Duration.ofMinutes(5);
    /** qa.batching.max-tokens, the default the worker runs with here. */
    private static final long MAX_TOKENS = 100_000;
    private static final Pattern LONG_BATCH = Pattern.compile(
            "micro-batch of (\\d+) request\\(s\\), ([\\d,]+) model tokens: ([\\d.]+) s");

    @Test
    void hugeRequestsNeitherMakeTheWorkerUnhealthyNorStallItsGroup() throws Exception {
        int heavy = Integer.getInteger("heavy.requests", 32);
        RunTopics topics = RunTopics.create("heavy", PARTITIONS);
        String run = topics.run();
        String requests = topics.requests();
        String bootstrap = topics.bootstrap();
        List<String> contexts = squadContexts(heavy);
        Map<String, String> env = topics.workerEnv();
        try (WorkerProcess worker = WorkerProcess.start("heavy", env);
                AnswerTally answered = new AnswerTally(bootstrap, topics.answers(), PARTITIONS, "read_uncommitted");
                AnswerTally refused = new AnswerTally(bootstrap, topics.deadLetters(), 1, "read_uncommitted");
                var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all",
                        "max.request.size", 1 << 20), new StringSerializer(), new StringSerializer())) {
            worker.awaitReady(Duration.ofMinutes(3));
            awaitAssignment(worker);
            double rebalancesBefore = worker.metric("kafka_consumer_coordinator_rebalance_total");
            assertThat(rebalancesBefore).as("the consumer's first join counts as a rebalance").isGreaterThanOrEqualTo(1);

            long started = System.currentTimeMillis();
            List<String> heavyIds = new ArrayList<>();
            for (int i = 0; i < heavy; i++) {
                String id = "heavy-" + run + "-" + i;
                heavyIds.add(id);
                producer.send(new ProducerRecord<>(requests, id, request(id, "What is this passage about?", contexts.get(i))));
            }
            producer.flush();

            Map<String, Long> shortSent = new ConcurrentHashMap<>();
            List<Integer> liveness = new ArrayList<>();
            AtomicBoolean heavyDone = new AtomicBoolean();
            AtomicInteger shortCount = new AtomicInteger();
            int last = -1;
            long lastMove = System.nanoTime();
            long nextShort = System.nanoTime();
            long nextLive = System.nanoTime();
            while (!heavyDone.get() || shortSent.keySet().stream().anyMatch(id -> !seen(answered, refused, id))) {
                worker.requireAlive();
                long now = System.nanoTime();
                if (!heavyDone.get() && now >= nextShort) {
                    String id = "short-" + run + "-" + shortCount.getAndIncrement();
                    shortSent.put(id, System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(requests, id, request(id, "Where does the tower stand?",
                            "The Eiffel Tower stands in Paris. It was finished in 1889.")));
                    nextShort = now + SHORT_EVERY.toNanos();
                }
                if (now >= nextLive) {
                    liveness.add(worker.managementStatus("/q/health/live"));
                    nextLive = now + Duration.ofSeconds(1).toNanos();
                }
                heavyDone.set(heavyIds.stream().allMatch(id -> seen(answered, refused, id)));
                int progress = answered.records() + refused.records();
                if (progress != last) {
                    last = progress;
                    lastMove = now;
                }
                if (now - lastMove > STALL_BOUND.toNanos()) {
                    throw new AssertionError("no output for " + STALL_BOUND + "\n" + worker.tail());
                }
                Thread.sleep(50);
            }
            long heavySeconds = (System.currentTimeMillis() - started) / 1000;
            Thread.sleep(5000); // late duplicates would arrive now
            String log = worker.output();
            double rebalancesAfter = worker.metric("kafka_consumer_coordinator_rebalance_total");

            List<Double> batchSeconds = new ArrayList<>();
            long largestBatchTokens = 0;
            List<String> overBound = new ArrayList<>();
            for (Matcher m = LONG_BATCH.matcher(log); m.find(); ) {
                batchSeconds.add(Double.parseDouble(m.group(3)));
                long tokens = Long.parseLong(m.group(2).replace(",", ""));
                largestBatchTokens = Math.max(largestBatchTokens, tokens);
                if (Integer.parseInt(m.group(1)) > 1 && tokens > MAX_TOKENS) {
                    overBound.add(m.group());
                }
            }
            batchSeconds.sort(null);
            Map<String, Long> answeredAt = answered.firstTimestamps();
            List<Long> shortLatency = shortSent.entrySet().stream()
                    .filter(e -> answeredAt.containsKey(e.getKey()))
                    .map(e -> answeredAt.get(e.getKey()) - e.getValue()).sorted().toList();
            long down = liveness.stream().filter(s -> s != 200).count();
            System.out.printf(Locale.ROOT, "HEAVY-SUMMARY heavy=%d chars=%d answered=%d deadLetters=%d short=%d "
                            + "heavySeconds=%d longBatches=%d batchSecondsMedian=%.1f batchSecondsMax=%.1f "
                            + "largestBatchTokens=%d shortP50Ms=%d shortP99Ms=%d livenessPolls=%d livenessNot200=%d "
                            + "rebalances=%.0f%n", heavy, CONTEXT_CHARS, answered.distinct(), refused.records(),
                    shortSent.size(), heavySeconds, batchSeconds.size(),
                    batchSeconds.isEmpty() ? 0 : batchSeconds.get(batchSeconds.size() / 2),
                    batchSeconds.isEmpty() ? 0 : batchSeconds.get(batchSeconds.size() - 1), largestBatchTokens,
                    percentile(shortLatency, 0.5), percentile(shortLatency, 0.99), liveness.size(), down,
                    rebalancesAfter - rebalancesBefore);

            assertThat(refused.records()).as("dead letters: every request here is valid").isZero();
            assertThat(answered.counts()).as("every request answered exactly once")
                    .containsKeys(heavyIds.toArray(String[]::new)).containsKeys(shortSent.keySet().toArray(String[]::new))
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(liveness).as("liveness polled every second").hasSizeGreaterThan(10).containsOnly(200);
            assertThat(rebalancesAfter).as("no rebalance while the heavy batches ran").isEqualTo(rebalancesBefore);
            assertThat(log).as("no partition revoked or lost").doesNotContain(" revoked;").doesNotContain(" lost;");
            assertThat(batchSeconds).as("the heavy requests were split into several micro-batches")
                    .hasSizeGreaterThan(heavy / 4);
            assertThat(overBound).as("micro-batches of several requests within qa.batching.max-tokens (a poll of "
                    + "several heavy records is cut: the connector bounds a poll by records and bytes only)").isEmpty();
        }
    }

    /** Waits for the worker's consumer to be assigned its partitions, so the rebalance count starts from there. */
    private static void awaitAssignment(WorkerProcess worker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!worker.output().contains("assigned [")) {
            assertThat(System.nanoTime()).as("partitions assigned within a minute").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean seen(AnswerTally answered, AnswerTally refused, String id) {
        return answered.counts().containsKey(id) || refused.counts().containsKey(id);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static String request(String id, String question, String context) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("question", question).put("context", context);
        return r.toString();
    }

    /** {@code n} contexts of ~199,000 characters, each SQuAD v1.1 dev paragraphs joined from a different start. */
    static List<String> squadContexts(int n) throws Exception {
        List<String> paragraphs = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SeedData.squadV11Dev()))) {
            for (JsonNode article : JSON.readTree(in).get("data")) {
                for (JsonNode p : article.get("paragraphs")) {
                    paragraphs.add(p.get("context").asText());
                }
            }
        }
        List<String> contexts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder context = new StringBuilder(CONTEXT_CHARS);
            for (int p = i * 37; context.length() < CONTEXT_CHARS; p++) {
                context.append(paragraphs.get(p % paragraphs.size())).append('\n');
            }
            contexts.add(context.substring(0, CONTEXT_CHARS));
        }
        return contexts;
    }
}
