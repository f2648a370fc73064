package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once, the worker's transactional producer fenced mid-stream: another producer calls
 * {@code initTransactions} with the worker's transactional id (what a second replica configured with the same id
 * does). The connector never replaces its transactional producer, so on its own the worker would go on running and
 * fail every later transaction; it must exit with status 1 instead ({@code ExactlyOnceOutputs} → {@code
 * FatalChannelExit}), and a restarted worker with that id must finish every request exactly once for a
 * read_committed reader.
 */
class FencedWorkerIT {

    private static final Duration READY = Duration.ofMinutes(3);

    @Test
    void aFencedWorkerExitsAndItsSuccessorAnswersEveryRequestOnce() throws Exception {
        try (FaultRun run = new FaultRun("FencedWorkerIT", FaultRun.EXACTLY_ONCE, KafkaBroker.bootstrapServers())
                .createTopics()) {
            run.produce();
            Map<String, String> env = run.workerEnv("fenced-worker");
            String transactionalId = env.get("QA_DELIVERY_TRANSACTIONAL_ID");
            try (WorkerProcess worker = WorkerProcess.start("fenced", env)) {
                worker.awaitReady(READY);
                run.awaitAnswered(0.2, () -> WorkerKillIT.tail(worker), worker::requireAlive);
                try (var fencer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", run.bootstrap,
                        "transactional.id", transactionalId), new StringSerializer(), new StringSerializer())) {
                    fencer.initTransactions(); // bumps the epoch: the worker's producer is fenced
                }
                System.out.printf("FencedWorkerIT: worker %d fenced at %s, %ds%n", worker.pid(), run.progress(),
                        run.seconds());
                assertThat(worker.awaitExit(Duration.ofMinutes(5))).as(WorkerKillIT.tail(worker)).contains(1);
                assertThat(worker.output()).contains("the request loop stopped");
            }
            try (WorkerProcess worker = WorkerProcess.start("fenced-successor", env)) {
                worker.awaitReady(READY);
                run.finish(() -> WorkerKillIT.tail(worker), worker::requireAlive);
            }
        }
    }
}
