package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two workers in one consumer group share the 4 request partitions (at-least-once). Once both have answered requests
 * and ~30 % are answered, one is killed with kill -9; the group moves its partitions to the other (after the
 * session timeout), which answers the rest from the committed offsets: every request id gets an answer.
 * {@code -Dfault.requests=N} sizes the run (default 1500).
 */
class ConsumerGroupTakeoverIT {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration BOTH_WORKING = Duration.ofMinutes(5);

    @Test
    void survivorTakesOverTheKilledWorkersPartitions() throws Exception {
        try (FaultRun run = new FaultRun("ConsumerGroupTakeoverIT", FaultRun.AT_LEAST_ONCE, KafkaBroker.bootstrapServers())
                .createTopics();
                WorkerProcess doomed = WorkerProcess.start("takeover-a", run.workerEnv(null));
                WorkerProcess survivor = WorkerProcess.start("takeover-b", run.workerEnv(null))) {
            doomed.awaitReady(READY);
            survivor.awaitReady(READY);
            run.produce();

            long deadline = System.nanoTime() + BOTH_WORKING.toNanos();
            while (doomed.answered() <= 0 || survivor.answered() <= 0) {
                doomed.requireAlive();
                survivor.requireAlive();
                assertThat(System.nanoTime()).as("both workers answered requests within " + BOTH_WORKING + " ("
                        + run.progress() + ", " + doomed.answered() + " and " + survivor.answered() + ")")
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            run.awaitAnswered(0.3, () -> WorkerKillIT.tail(survivor), survivor::requireAlive);
            Thread.sleep(ThreadLocalRandom.current().nextInt(800));
            long doomedShare = doomed.answered();
            long survivorShare = survivor.answered();
            doomed.kill();
            run.kills++;
            System.out.printf("ConsumerGroupTakeoverIT: kill -9 of worker %d (answered %d; the other %d) at %s, %ds%n",
                    doomed.pid(), doomedShare, survivorShare, run.progress(), run.seconds());

            run.finish(() -> WorkerKillIT.tail(survivor), survivor::requireAlive);
            long survivorTotal = survivor.answered();
            System.out.printf("ConsumerGroupTakeoverIT: the survivor answered %d in all, %d after the kill%n",
                    survivorTotal, survivorTotal - survivorShare);
            // run.finish() has checked that every id has an answer. The doomed worker's share is read before the
            // kill, and it may deliver (and commit) one more micro-batch in between, so the two shares need not add
            // up to the request count; what must hold is that the survivor did the work left after the kill.
            assertThat(survivorTotal - survivorShare).as("answers the survivor delivered after the kill")
                    .isPositive();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.bootstrap))) {
                var members = admin.describeConsumerGroups(List.of(run.group)).all().get().get(run.group).members();
                assertThat(members).as("one member left in the group").hasSize(1);
                assertThat(members.iterator().next().assignment().topicPartitions())
                        .as("the survivor owns every request partition").hasSize(FaultRun.PARTITIONS);
            }
        }
    }
}
