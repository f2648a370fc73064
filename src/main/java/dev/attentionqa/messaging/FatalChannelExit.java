package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exits the worker when one of its Kafka channels failed for good (liveness DOWN: wrong credentials, a topic it may
 * not read, a failed output channel), so that the platform restarts it and the failure shows as a restart. The
 * connector reports such a failure and stops the channel, but the process would go on running without consuming;
 * its readiness even stays UP. Transient broker outages are not failures: the connector rides them out. The
exactly-once path calls {@link #exit} too, when its transactional producer can no longer commit.
 */
@ApplicationScoped
class FatalChannelExit {

    private static final Logger LOG = Logger.getLogger(FatalChannelExit.class);
    private static final List<String> CHANNELS = List.of(RequestConsumer.CHANNEL, AtLeastOnceOutputs.CHANNEL,
            ExactlyOnceOutputs.CHANNEL);

    @Inject
    HealthCenter health;

    @Inject
    WorkerConfig config;

    private ScheduledExecutorService watch;
    private final AtomicBoolean exiting = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            return; // commands other than serve and bench e2e have no request path to watch
        }
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qa-channel-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watch != null) {
            watch.shutdownNow();
        }
    }

    private void check() {
        HealthReport liveness = health.getLiveness();
        for (HealthReport.ChannelInfo channel : liveness.getChannels()) {
            if (!channel.isOk() && CHANNELS.contains(channel.getChannel())) {
                exit("channel " + channel.getChannel() + " failed (" + channel.getMessage() + ")");
                return;
            }
        }
    }

    /** Logs why and exits with status 1 (once). */
    void exit(String why) {
        if (exiting.compareAndSet(false, true)) {
            LOG.fatalf("%s: the request loop stopped; exiting so that the platform restarts the worker", why);
            if (watch != null) {
                watch.shutdown();
            }
            Quarkus.asyncExit(1);
        }
    }
}
