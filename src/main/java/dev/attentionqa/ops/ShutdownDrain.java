package dev.attentionqa.ops;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Graceful stop: once shutdown began (the request consumer calls {@link #drain}) no new micro-batch is admitted, and
 * shutdown waits up to {@code qa.shutdown.drain-timeout} for the admitted one to be published and committed.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final Duration timeout;
    private int inFlight;
    private boolean draining;

    @Inject
    public ShutdownDrain(WorkerConfig config) {
        this(config.shutdown().drainTimeout());
    }

    /** With an explicit bound (tests). */
    public ShutdownDrain(Duration timeout) {
        this.timeout = timeout;
    }

    /** True when a request may start (call {@link #done} after it was committed); false once draining began. */
    public synchronized boolean admit() {
        if (draining) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** An admitted request is over: published and committed, or failed. */
    public synchronized void done() {
        inFlight--;
        notifyAll();
    }

    /** True when nothing admitted is in flight. */
    public synchronized boolean idle() {
        return inFlight == 0;
    }

    /** Stops admitting and waits for the requests in flight; returns how many there were. */
    public synchronized int drain() {
        draining = true;
        int atStart = inFlight;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inFlight > 0) {
            LOG.warnf("%d micro-batch(es) still in flight after %s: they will be redelivered", inFlight, timeout);
        }
        return atStart;
    }
}
