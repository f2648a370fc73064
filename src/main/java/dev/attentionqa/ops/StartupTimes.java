package dev.attentionqa.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Start-up as a user sees it, counted from JVM start (Quarkus' own "started in" begins later, after the JVM and
 * class loading): when the application is started (model loaded and warmed up) and when the first answer was
 * acknowledged by the broker. Logged once each and exported as gauges in seconds.
 */
@ApplicationScoped
public class StartupTimes {

    private static final Logger LOG = Logger.getLogger(StartupTimes.class);

    private final AtomicLong startedMillis = new AtomicLong(-1);
    private final AtomicLong firstAnswerMillis = new AtomicLong(-1);

    @Inject
    public StartupTimes(MeterRegistry registry) {
        Gauge.builder("qa.startup.started.seconds", startedMillis, m -> m.get() / 1000.0)
                .description("JVM start to application started (model loaded and warmed up); -0.001 until then")
                .register(registry);
        Gauge.builder("qa.startup.first.answer.seconds", firstAnswerMillis, m -> m.get() / 1000.0)
                .description("JVM start to the first answer acknowledged by the broker; -0.001 until then")
                .register(registry);
    }

    /** Observed after the other start-up observers (model load and warm-up among them): CDI calls lower priorities first. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        long millis = sinceJvmStart();
        startedMillis.set(millis);
        LOG.infof("started %.1f s after JVM start", millis / 1000.0);
    }

    /** Called for every answer; only the first counts. */
    public void answered() {
        if (firstAnswerMillis.get() < 0) {
            long millis = sinceJvmStart();
            if (firstAnswerMillis.compareAndSet(-1, millis)) {
                LOG.infof("first answer acknowledged %.1f s after JVM start", millis / 1000.0);
            }
        }
    }

    private static long sinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
