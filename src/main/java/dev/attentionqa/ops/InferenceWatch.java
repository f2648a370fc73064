package dev.attentionqa.ops;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** When each request now in inference started, so that liveness can tell a slow request from a stalled engine. */
@ApplicationScoped
public class InferenceWatch {

    private final LongSupplier nanoClock;
    private final AtomicLong tickets = new AtomicLong();
    private final Map<Long, Long> startedNanos = new ConcurrentHashMap<>();

    /** On the system's monotonic clock. */
    public InferenceWatch() {
        this(System::nanoTime);
    }

    /** On the given monotonic clock (tests use a fake one). */
    public InferenceWatch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** An inference starts; pass the ticket to {@link #end}. */
    public long begin() {
        long ticket = tickets.incrementAndGet();
        startedNanos.put(ticket, nanoClock.getAsLong());
        return ticket;
    }

    /** The inference of this ticket is over, whatever its outcome. */
    public void end(long ticket) {
        startedNanos.remove(ticket);
    }

    /** How long the oldest inference still running has been running; empty when none is. */
    public Optional<Duration> oldestInFlight() {
        long now = nanoClock.getAsLong();
        return startedNanos.values().stream().mapToLong(s -> now - s).max().stream().boxed().findFirst()
                .map(Duration::ofNanos);
    }
}
