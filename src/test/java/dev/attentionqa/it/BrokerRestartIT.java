package dev.attentionqa.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker (a separate process, {@code local-broker.sh}) is killed with kill -9 at ~30 % of the requests answered
 * and started again on the same port and data directory ~10 s later. The worker must ride it out: the same process
 * stays alive the whole time (no exit, no restart), becomes ready again, and every request id gets an answer
 * (exactly once for a read_committed reader in exactly-once mode).
 * <p>
 * {@code -Dfault.plan} changes the faults, e.g. {@code kill@25,broker@50,kill@75} (kill -9 of the worker at 25 %,
 * broker restart at 50 %, worker kill at 75 %) for the big run; {@code -Dfault.requests=N} sizes it (default 1500),
 * {@code -Dfault.outage=S} sets the seconds without a broker (default 10). The big run, both modes, surefire skipped:
 * <pre>
 * ./mvnw -o -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=BrokerRestartIT \
 *     -Dfault.requests=10000 -Dfault.plan=kill@25,broker@50,kill@75
 * </pre>
 * Each run prints one {@code FAULT-SUMMARY} line (answered %, missing, duplicates, kills, broker restarts, seconds).
 */
class BrokerRestartIT {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration READY_AFTER_OUTAGE = Duration.ofMinutes(5);
    /** How long the broker stays down before it is started again ({@code -Dfault.outage}, seconds; default 10). */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("fault.outage", 10));

    @Test
    void atLeastOnceWorkerRidesOutABrokerRestart() throws Exception {
        runPlan(FaultRun.AT_LEAST_ONCE);
    }

    @Test
    void exactlyOnceWorkerRidesOutABrokerRestart() throws Exception {
        runPlan(FaultRun.EXACTLY_ONCE);
    }

    record Step(String fault, double at) {
    }

    static List<Step> plan() {
        List<Step> steps = new ArrayList<>();
        for (String s : System.getProperty("fault.plan", "broker@30").split(",")) {
            String[] parts = s.trim().split("@");
            if (parts.length != 2 || !(parts[0].equals("kill") || parts[0].equals("broker"))) {
                throw new IllegalArgumentException("fault.plan step '" + s + "': kill@PERCENT or broker@PERCENT");
            }
            steps.add(new Step(parts[0], Double.parseDouble(parts[1]) / 100));
        }
        return steps;
    }

    private void runPlan(String mode) throws Exception {
        List<Step> plan = plan();
        try (BrokerProcess broker = new BrokerProcess();
                FaultRun run = new FaultRun("BrokerRestartIT", mode, broker.bootstrap())) {
            String topics = run.requestTopic + ":" + FaultRun.PARTITIONS + " " + run.answerTopic + ":"
                    + FaultRun.PARTITIONS + " " + run.deadLetterTopic + ":1";
            broker.start(topics);
            run.createTopics();
            run.produce();
            Map<String, String> env = run.workerEnv(FaultRun.EXACTLY_ONCE.equals(mode) ? "restart-worker" : null);
            WorkerProcess worker = WorkerProcess.start("broker-" + mode, env);
            try {
                worker.awaitReady(READY);
                for (Step step : plan) {
                    WorkerProcess w = worker;
                    run.awaitAnswered(step.at(), () -> WorkerKillIT.tail(w), w::requireAlive);
                    if (step.fault().equals("kill")) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(800));
                        worker.kill();
                        run.kills++;
                        System.out.printf("BrokerRestartIT %s: kill -9 of worker %d at %s, %ds%n", mode, worker.pid(),
                                run.progress(), run.seconds());
                        worker.close();
                        worker = WorkerProcess.start("broker-" + mode, env);
                        worker.awaitReady(READY);
                    } else {
                        restartBroker(broker, topics, worker, run);
                    }
                }
                WorkerProcess w = worker;
                run.finish(() -> WorkerKillIT.tail(w), w::requireAlive);
                assertThat(worker.output()).as("the request loop never gave up").doesNotContain("the request loop stopped");
            } finally {
                worker.close();
            }
        }
    }

    private static void restartBroker(BrokerProcess broker, String topics, WorkerProcess worker, FaultRun run)
            throws Exception {
        restartBroker(broker, topics, worker, run, OUTAGE);
    }

    /** Kills the broker, checks the worker alive and unready after {@code outage}, starts the broker, awaits ready. */
    static void restartBroker(BrokerProcess broker, String topics, WorkerProcess worker, FaultRun run, Duration outage)
            throws Exception {
        String mode = run.mode;
        broker.kill();
        System.out.printf("%s %s: kill -9 of the broker at %s, %ds%n", run.test, mode, run.progress(), run.seconds());
        Thread.sleep(outage.toMillis());
        worker.requireAlive();
        int readiness = worker.readyStatus();
        String checks = worker.managementBody("/q/health/ready");
        System.out.printf("%s %s: after %s without a broker the worker is alive, readiness %d%n", run.test, mode,
                outage, readiness);
        // alive and answering, but not ready, and because of its own request path (not only the page's producer)
        assertThat(readiness).as("readiness status without a broker").isEqualTo(503);
        assertThat(checks).as(checks).containsPattern(
                "\"name\"\\s*:\\s*\"SmallRye Reactive Messaging - readiness check\",\\s*\"status\"\\s*:\\s*\"DOWN\"")
                .containsPattern("\"requests\"\\s*:\\s*\"\\[KO\\]");
        broker.start(topics);
        run.brokerRestarts++;
        System.out.printf("%s %s: broker back on %s, %ds%n", run.test, mode, broker.bootstrap(), run.seconds());
        worker.awaitReady(READY_AFTER_OUTAGE); // throws if the process exited meanwhile
        System.out.printf("%s %s: the same worker (pid %d) ready again at %s, %ds%n", run.test, mode, worker.pid(),
                run.progress(), run.seconds());
    }
}
