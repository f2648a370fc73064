package dev.attentionqa.runtime;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Dev mode's broker, what Quarkus Dev Services would start in a container (there is no Docker here): in
 * {@code ./mvnw quarkus:dev}, when no bootstrap servers are set ({@code KAFKA_BOOTSTRAP_SERVERS}), the project's
 * single-node KRaft broker from Maven Central jars ({@code src/main/scripts/local-broker.sh}) is started before the
 * request consumer, on {@code localhost:9092}, the default address; it keeps running across live reloads and stops with
 * the dev-mode JVM. A broker already running there is used and left alone. Never in tests or production.
 */
@ApplicationScoped
public class DevBroker {

    private static final Logger LOG = Logger.getLogger(DevBroker.class);
    static final Path SCRIPT = Path.of("src", "main", "scripts", "local-broker.sh");
    /** Once per JVM: live reload restarts the application, not the JVM, and the broker stays up meanwhile. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    @ConfigProperty(name = "qa.dev.broker.enabled", defaultValue = "true")
    boolean enabled;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || !enabled || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null) {
            return;
        }
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Optional<Path> script = script();
        if (script.isEmpty()) {
            LOG.warnf("dev mode without KAFKA_BOOTSTRAP_SERVERS, but %s was not found from %s: start a broker on "
                    + "localhost:9092 yourself", SCRIPT, Path.of("").toAbsolutePath());
            return;
        }
        boolean ours = run(script.get(), "status") != 0; // a broker already running belongs to someone else
        LOG.infof("dev mode without KAFKA_BOOTSTRAP_SERVERS: %s the project's KRaft broker on localhost:9092 (%s)",
                ours ? "starting" : "using", script.get());
        if (ours) {
            int rc = run(script.get(), "start");
            if (rc != 0) {
                LOG.errorf("%s start exited with %d: see target/local-broker/9092/broker.log", script.get(), rc);
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitRequestConsumerEnd();
                run(script.get(), "stop");
            }, "dev-broker-stop"));
        }
    }

    /**
     * Shutdown hooks run at the same time: the broker must outlive the request consumer (the connector's polling
     * thread), which leaves the group as it closes. A member that never left stays in the group the broker keeps on disk, and the next dev session's
     * consumer would wait out its session timeout before getting any partition.
     */
    private static void awaitRequestConsumerEnd() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("smallrye-kafka-consumer-thread")) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Optional<Path> script() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir : List.of(here, here.getParent() == null ? here : here.getParent())) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int run(Path script, String action) {
        try {
            Process p = new ProcessBuilder("bash", script.toString(), action).inheritIO().start();
            return p.waitFor(180, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            LOG.errorf("could not run %s %s: %s", script, action, e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
