package dev.attentionqa.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once, a broker outage longer than the output producer's {@code delivery.timeout.ms} (5 s here, 15 s
 * without a broker): sends in flight fail and their messages are nacked. The worker must send them again until the
 * broker takes them, and only then acknowledge the poll, so every request is answered by the same process. This is
 * the one retry written by hand ({@code AtLeastOnceOutputs}): on the connector alone a nacked output ends in the
 * request channel's failure strategy, which stops the channel ({@code fail}: the worker exits) or commits past the
 * request ({@code ignore}: its answer is lost). The broker is killed while a micro-batch is being answered (the
 * inference gauge says so) and each micro-batch takes seconds (contexts of ~1,400 tokens), so that batch's outputs
 * are sent into the outage, and the broker stays away until the worker has logged that they were refused and are
 * being sent again: the retry happens every time, not only when the kill happens to land on a send.
 */
class OutputRetryIT {

    /** Longest the broker stays away waiting for the retry (a batch's time plus the 5 s delivery and metadata waits). */
    private static final Duration OUTAGE_LIMIT = Duration.ofMinutes(3);
    private static final String RETRIED = "not acknowledged by the broker; sending them again";
    /** Requests of ~1,400 tokens: a micro-batch of 32 runs ~150 windows, seconds on 2 cores. */
    private static final int REQUESTS = 240;
    private static final int PADDING = 110;

    /** Returns once a micro-batch has been in the model for 0.2 s: its outputs are still to be sent. */
    private static void awaitInference(WorkerProcess worker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (worker.metric("qa_inference_oldest_seconds") < 0.2) {
            assertThat(System.nanoTime()).as("a micro-batch in the model within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void outputsTheBrokerDidNotTakeAreSentAgainUntilItDoes() throws Exception {
        try (BrokerProcess broker = new BrokerProcess();
                FaultRun run = new FaultRun("OutputRetryIT", FaultRun.AT_LEAST_ONCE, broker.bootstrap(), REQUESTS)) {
            String topics = run.requestTopic + ":" + FaultRun.PARTITIONS + " " + run.answerTopic + ":"
                    + FaultRun.PARTITIONS + " " + run.deadLetterTopic + ":1";
            broker.start(topics);
            run.createTopics();
            run.produce(PADDING);
            Map<String, String> env = run.workerEnv(null);
            env.put("KAFKA_DELIVERY_TIMEOUT_MS", "5000");
            env.put("KAFKA_REQUEST_TIMEOUT_MS", "2000");
            env.put("KAFKA_LINGER_MS", "0");
            // each send waits this long for the topic's metadata while the broker is away (60 s by default), one after
            // the other: a batch of 32 is refused after 32 of them
            env.put("KAFKA_MAX_BLOCK_MS", "1000");
            try (WorkerProcess worker = WorkerProcess.start("output-retry", env)) {
                worker.awaitReady(Duration.ofMinutes(3));
                run.awaitAnswered(0.3, () -> WorkerKillIT.tail(worker), worker::requireAlive);
                awaitInference(worker);
                // the broker stays away until the batch's outputs were refused and sent again, however long that batch
                // takes on this machine: the retry is forced, not hoped for
                broker.kill();
                long deadline = System.nanoTime() + OUTAGE_LIMIT.toNanos();
                while (!worker.output().contains(RETRIED) && System.nanoTime() < deadline) {
                    worker.requireAlive();
                    Thread.sleep(250);
                }
                assertThat(worker.output()).as("outputs nacked while the broker was away").contains(RETRIED);
                broker.start(topics);
                run.brokerRestarts++;
                worker.awaitReady(Duration.ofMinutes(5));
                run.finish(() -> WorkerKillIT.tail(worker), worker::requireAlive);
                assertThat(worker.output()).as("the worker rode it out").doesNotContain("the request loop stopped");
            }
        }
    }
}
