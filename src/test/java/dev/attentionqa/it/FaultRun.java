package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault-injection run: its own topics (requests with 4 partitions), N small requests produced up front, the
 * environment for the workers, a reader that counts answers per id while faults are injected, and the final
 * check and {@code FAULT-SUMMARY} line. N is the system property {@code fault.requests} (default 1500).
 */
final class FaultRun implements AutoCloseable {

    static final String AT_LEAST_ONCE = "at-least-once";
    static final String EXACTLY_ONCE = "exactly-once";
    static final int PARTITIONS = 4;
    /** A killed worker's partitions move after this session timeout; the client default (45 s) only lengthens the stall. */
    static final String SESSION_TIMEOUT_MS = "10000";
    /** No progress at all for this long fails the run (generous: a worker restart plus a rebalance take ~30 s). */
    private static final Duration STALL_BOUND = Duration.ofMinutes(5);
    private static final Duration QUIET = Duration.ofSeconds(5);

    private static final String[][] SAMPLES = {
            {"What helps models focus?", "Attention helps models focus on the words that matter. Recurrence is slow."},
            {"What limits parallelization?", "In RNNs each step depends on the previous one, which limits parallelization."},
            {"Where is the Eiffel Tower?", "The Eiffel Tower stands in Paris. It was finished in 1889."},
            {"What do transformers use?", "Transformers use self-attention instead of recurrence. They train fast."},
    };

    final String test;
    final String mode;
    final String bootstrap;
    final int requests;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String requestTopic;
    final String answerTopic;
    final String deadLetterTopic;
    final String group;
    private final long started = System.nanoTime();
    private AnswerTally answers;
    private AnswerTally deadLetters;
    int kills;
    int brokerRestarts;

    FaultRun(String test, String mode, String bootstrap) {
        this(test, mode, bootstrap, Integer.getInteger("fault.requests", 1500));
    }

    FaultRun(String test, String mode, String bootstrap, int requests) {
        this.test = test;
        this.mode = mode;
        this.bootstrap = bootstrap;
        this.requests = requests;
        String prefix = "fault." + test + "." + run;
        requestTopic = prefix + ".requests";
        answerTopic = prefix + ".answers";
        deadLetterTopic = prefix + ".dlq";
        group = "fault-" + test + "-" + run;
    }

    /** The topics ({@link #PARTITIONS} partitions for requests and answers) and the output readers. */
    FaultRun createTopics() {
        KafkaTopics.create(bootstrap, requestTopic, PARTITIONS);
        KafkaTopics.create(bootstrap, answerTopic, PARTITIONS);
        KafkaTopics.create(bootstrap, deadLetterTopic, 1);
        String isolation = EXACTLY_ONCE.equals(mode) ? "read_committed" : "read_uncommitted";
        answers = new AnswerTally(bootstrap, answerTopic, PARTITIONS, isolation);
        deadLetters = new AnswerTally(bootstrap, deadLetterTopic, 1, isolation);
        return this;
    }

    /** Writes the N requests (small, explanation off: the cheapest answers), keyed by id, and waits for the acks. */
    void produce() throws Exception {
        produce(0);
    }

    /** As {@link #produce()}, each context followed by {@code padding} more sentences (heavier micro-batches). */
    void produce(int padding) throws Exception {
        String pad = " The report was filed in the archive with the others.".repeat(padding);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all",
                "linger.ms", 20), new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                String[] s = SAMPLES[i % SAMPLES.length];
                String id = id(i);
                String value = "{\"id\":\"" + id + "\",\"question\":\"" + s[0] + "\",\"context\":\"" + s[1]
                        + " This is request " + i + "." + pad + "\",\"options\":{\"explain\":false}}";
                sent.add(producer.send(new ProducerRecord<>(requestTopic, id, value)));
            }
            for (var f : sent) {
                f.get();
            }
        }
        System.out.printf("%s %s: %d requests on %s%n", test, mode, requests, requestTopic);
    }

    String id(int i) {
        return "f-" + run + "-" + i;
    }

    /** The worker's environment; exactly-once workers that share {@code transactionalId} fence each other. */
    Map<String, String> workerEnv(String transactionalId) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "QA_TOPIC_REQUESTS", requestTopic, "QA_TOPIC_ANSWERS", answerTopic,
                "QA_TOPIC_DEAD_LETTERS", deadLetterTopic, "QA_GROUP_ID", group, "QA_DELIVERY_MODE", mode,
                "KAFKA_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS));
        if (transactionalId != null) {
            env.put("QA_DELIVERY_TRANSACTIONAL_ID", transactionalId + "-" + run);
        }
        return env;
    }

    /** Distinct request ids answered so far (as the mode's reader sees them). */
    int answered() {
        return answers.distinct();
    }

    String progress() {
        return String.format(Locale.ROOT, "%d/%d answered (%d answer records, %d dead letters)", answered(), requests,
                answers.records(), deadLetters.records());
    }

    /**
     * Waits until {@code fraction} of the requests have an answer; fails when nothing moves for {@link #STALL_BOUND}.
     * {@code check} runs on every round (e.g. "the worker is still alive") and may throw.
     */
    void awaitAnswered(double fraction, Supplier<String> diagnostics, Runnable check) throws InterruptedException {
        int target = (int) Math.ceil(fraction * requests);
        int last = -1;
        long lastMove = System.nanoTime();
        long lastReport = System.nanoTime();
        while (answered() < target) {
            check.run();
            int now = answered();
            if (now != last) {
                last = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > STALL_BOUND.toNanos()) {
                throw new AssertionError("no progress for " + STALL_BOUND + " at " + progress() + " (waiting for "
                        + target + ")\n" + diagnostics.get());
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
                System.out.printf("%s %s: %s, %ds%n", test, mode, progress(), seconds());
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    long seconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    /**
     * Waits for every id, lets late duplicates arrive, prints the summary line and the duplicates, and asserts: no
     * id missing, no dead letter, and (exactly-once) no duplicate.
     */
    /** Micro-batches one fault may repeat in at-least-once mode: the one being answered and the one being committed. */
    static final int IN_FLIGHT_BATCHES = 2;
    /** Requests per micro-batch: the worker's qa.batching.max-requests default (max.poll.records). */
    static final int MICRO_BATCH = 32;

    void finish(Supplier<String> diagnostics, Runnable check) throws InterruptedException {
        awaitAnswered(1.0, diagnostics, check);
        long seconds = seconds();
        Thread.sleep(QUIET.toMillis());
        Map<String, Integer> counts = answers.counts();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            if (!counts.containsKey(id(i))) {
                missing.add(id(i));
            }
        }
        List<Map.Entry<String, Integer>> duplicated = answers.duplicated();
        int duplicates = duplicated.stream().mapToInt(e -> e.getValue() - 1).sum();
        System.out.printf(Locale.ROOT, "FAULT-SUMMARY test=%s mode=%s requests=%d answered=%.2f%% missing=%d "
                        + "duplicates=%d duplicatedIds=%d deadLetters=%d kills=%d brokerRestarts=%d seconds=%d%n",
                test, mode, requests, 100.0 * (requests - missing.size()) / requests, missing.size(), duplicates,
                duplicated.size(), deadLetters.records(), kills, brokerRestarts, seconds);
        if (!duplicated.isEmpty()) {
            System.out.printf("%s %s: duplicated ids (first 50 of %d): %s%n", test, mode, duplicated.size(),
                    duplicated.subList(0, Math.min(50, duplicated.size())));
        }
        assertThat(missing).as("request ids without an answer").isEmpty();
        assertThat(counts.keySet()).as("answers only for this run's requests").allMatch(id -> id.startsWith("f-" + run + "-"));
        assertThat(deadLetters.records()).as("dead letters (every request is valid)").isZero();
        if (EXACTLY_ONCE.equals(mode)) {
            assertThat(duplicated).as("duplicate answers seen by a read_committed reader").isEmpty();
        } else {
            // at-least-once repeats what was in flight at a fault: the micro-batch being answered and the one whose
            // commit had not landed yet, never what was committed before it (docs/operations.md)
            int faults = kills + brokerRestarts;
            assertThat(duplicates).as("repeats after %d faults (at most %d micro-batches of %d requests each)", faults,
                    IN_FLIGHT_BATCHES, MICRO_BATCH).isLessThanOrEqualTo(faults * IN_FLIGHT_BATCHES * MICRO_BATCH);
        }
    }

    @Override
    public void close() throws Exception {
        if (answers != null) {
            answers.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
