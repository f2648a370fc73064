package dev.attentionqa.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once, a rebalance in the middle of a long micro-batch: a worker answers heavy requests (~199,000
 * characters, micro-batches of ~15 s) when a second worker joins its group. The first must deliver the batch in hand
 * inside the rebalance, then give up partitions; a read_committed reader then sees every request answered exactly
 * once. Short requests written to every partition after the rebalance give the second worker work whichever
 * partitions it gets (the ones it took over may already be answered).
 */
class RebalanceDuringBatchIT {

    private static final int PARTITIONS = 4;
    private static final int HEAVY = 8;
    private static final int SHORT = 40;
    private static final int AFTER_REBALANCE = 3; // short requests per partition, written once the second has joined

    @Test
    void aWorkerJoiningMidBatchNeitherLosesNorDuplicatesAnswers() throws Exception {
        RunTopics topics = RunTopics.create("rebalance", PARTITIONS);
        String run = topics.run();
        String requests = topics.requests();
        String bootstrap = topics.bootstrap();
        Map<String, String> env = topics.workerEnv();
        env.put("QA_DELIVERY_MODE", "exactly-once");
        List<String> ids = new ArrayList<>();
        List<String> contexts = HeavyInputIT.squadContexts(HEAVY);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < HEAVY + SHORT; i++) {
                String id = "r-" + run + "-" + i;
                ids.add(id);
                String context = i < HEAVY ? contexts.get(i) : "The Eiffel Tower stands in Paris. Request " + i + ".";
                producer.send(new ProducerRecord<>(requests, id, HeavyInputIT.request(id, "Where is it?", context)));
            }
            producer.flush();
        }
        env.put("QA_DELIVERY_TRANSACTIONAL_ID", "rebalance-first-" + run);
        try (AnswerTally answered = new AnswerTally(bootstrap, topics.answers(), PARTITIONS, "read_committed");
                WorkerProcess first = WorkerProcess.start("rebalance-first", env)) {
            first.awaitReady(Duration.ofMinutes(3));
            awaitLog(first, "micro-batch of", Duration.ofMinutes(3)); // one long batch done, the next one running
            env.put("QA_DELIVERY_TRANSACTIONAL_ID", "rebalance-second-" + run);
            try (WorkerProcess second = WorkerProcess.start("rebalance-second", env)) {
                second.awaitReady(Duration.ofMinutes(3));
                awaitLog(first, "revoked while a micro-batch is answered", Duration.ofMinutes(3));
                try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                        "acks", "all"), new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < PARTITIONS * AFTER_REBALANCE; i++) {
                        String id = "r-" + run + "-after-" + i;
                        ids.add(id);
                        producer.send(new ProducerRecord<>(requests, i % PARTITIONS, id, HeavyInputIT.request(id,
                                "Where is it?", "The Eiffel Tower stands in Paris. Request " + id + ".")));
                    }
                    producer.flush();
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (answered.distinct() < ids.size()) {
                    first.requireAlive();
                    second.requireAlive();
                    assertThat(System.nanoTime()).as("all answered within 10 minutes: %d of %d", answered.distinct(),
                            ids.size()).isLessThan(deadline);
                    Thread.sleep(200);
                }
                Thread.sleep(5000); // late duplicates would arrive now
                assertThat(second.answered()).as("the second worker took part").isPositive();
                assertThat(answered.counts()).as("every request answered exactly once (read_committed)")
                        .containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            }
        }
    }

    private static void awaitLog(WorkerProcess worker, String line, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!worker.output().contains(line)) {
            worker.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + line + "' not logged within " + bound + ":\n" + worker.tail());
            }
            Thread.sleep(200);
        }
    }
}
