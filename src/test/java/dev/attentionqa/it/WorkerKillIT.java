package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * kill -9 of the worker mid-stream, twice (at ~30 % and ~60 % of the requests answered), a restart after each, on
 * the test JVM's broker. At-least-once: every request id has at least one answer (duplicates are printed: a
 * killed worker's last uncommitted micro-batch is answered again). Exactly-once, the same transactional id across
 * restarts so the restarted worker fences its killed predecessor and aborts its open transaction: every id exactly
 * once for a read_committed reader. {@code -Dfault.requests=N} sizes the run (default 1500).
 */
class WorkerKillIT {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final double[] KILL_AT = {0.3, 0.6};

    @Test
    void atLeastOnceAnswersEveryRequestAcrossTwoKills() throws Exception {
        killTwiceAndFinish(FaultRun.AT_LEAST_ONCE);
    }

    @Test
    void exactlyOnceAnswersEveryRequestOnceAcrossTwoKills() throws Exception {
        killTwiceAndFinish(FaultRun.EXACTLY_ONCE);
    }

    private void killTwiceAndFinish(String mode) throws Exception {
        try (FaultRun run = new FaultRun("WorkerKillIT", mode, KafkaBroker.bootstrapServers()).createTopics()) {
            run.produce();
            Map<String, String> env = run.workerEnv(FaultRun.EXACTLY_ONCE.equals(mode) ? "kill-worker" : null);
            for (double at : KILL_AT) {
                try (WorkerProcess worker = WorkerProcess.start("kill-" + mode, env)) {
                    worker.awaitReady(READY);
                    run.awaitAnswered(at, () -> tail(worker), worker::requireAlive);
                    // Anywhere in the micro-batch cycle: mid-inference, mid-write or between write and commit.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(800));
                    worker.kill();
                    run.kills++;
                    System.out.printf("WorkerKillIT %s: kill -9 of worker %d at %s, %ds%n", mode, worker.pid(),
                            run.progress(), run.seconds());
                }
            }
            try (WorkerProcess worker = WorkerProcess.start("kill-" + mode, env)) {
                worker.awaitReady(READY);
                run.finish(() -> tail(worker), worker::requireAlive);
            }
        }
    }

    static String tail(WorkerProcess worker) {
        try {
            return worker.tail();
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
