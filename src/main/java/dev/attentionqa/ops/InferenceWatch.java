package dev.attentionqa.ops;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When each request now in inference started and when the engine last finished a model batch, so that liveness
 * can tell a busy engine (slow requests, batches still finishing) from a stuck one (no batch for a long time).
 */
@ApplicationScoped
public class InferenceWatch {

    private final LongSupplier nanoClock;
    private final AtomicLong tickets = new AtomicLong();
    private final Map<Long, Long> startedNanos = new ConcurrentHashMap<>();
    private final AtomicLong lastProgressNanos;

    /** On the system's monotonic clock. */
    public InferenceWatch() {
        this(System::nanoTime);
    }

    /** On the given monotonic clock (tests use a fake one). */
    public InferenceWatch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastProgressNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /** The engine finished a model batch. */
    public void progress() {
        lastProgressNanos.set(nanoClock.getAsLong());
    }

    /** Time since the engine last finished a model batch (since creation before the first). */
    public Duration sinceProgress() {
        return Duration.ofNanos(nanoClock.getAsLong() - lastProgressNanos.get());
    }

    /**
     * How long requests have been waiting on an engine that finished nothing: from the later of the last finished
     * batch and the oldest in-flight request's start; empty when no request is in inference.
     */
    public Optional<Duration> stalledFor() {
        long now = nanoClock.getAsLong();
        return startedNanos.values().stream().mapToLong(Long::longValue).min().stream().boxed().findFirst()
                .map(oldest -> Duration.ofNanos(now - Math.max(oldest, lastProgressNanos.get())));
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
