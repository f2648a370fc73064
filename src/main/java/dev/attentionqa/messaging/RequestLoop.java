package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.ops.ShutdownDrain;
import dev.attentionqa.ops.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker's main loop, on one thread that owns the Kafka consumer: take a micro-batch of requests
 * ({@link MicroBatchPoller}), answer them together ({@link MicroBatchAnswerer}), write every outcome in record
 * order and commit the offsets ({@link Delivery}). Offsets move only after their outputs were written. While a batch
 * is answered the consumer keeps polling with its partitions paused, so a long batch never costs it its place in the
 * group; a rebalance meanwhile waits for the batch to be delivered ({@link MicroBatchPoller#keepPolling}). A batch
 * that cannot be delivered (broker down, transaction aborted) is consumed again after a pause: the loop never
 * gives up and never crashes on a broker outage.
 */
@ApplicationScoped
public class RequestLoop {

    private static final Logger LOG = Logger.getLogger(RequestLoop.class);
    /** Micro-batches longer than this are logged with their size (heavy input stays visible in the log too). */
    private static final Duration LONG_BATCH = Duration.ofSeconds(5);

    @Inject
    WorkerConfig config;

    @Inject
    KafkaClients clients;

    @Inject
    MicroBatchAnswerer answerer;

    @Inject
    Answering answering;

    @Inject
    OutputRecords outputs;

    @Inject
    WorkerMetrics metrics;

    @Inject
    AnswerFeed feed;

    @Inject
    ShutdownDrain drain;

    @Inject
    MeterRegistry registry;

    private final AtomicReference<Thread> thread = new AtomicReference<>();
    private volatile boolean polling;
    private volatile ConnectionCount connections;
    /** Shutdown gave up on the batch in flight: deliver nothing more. */
    private volatile boolean giveUp;

    void onStart(@Observes StartupEvent event) {
        if (config.consumer().enabled()) {
            start();
        }
    }

    /** Starts consuming (once; later calls do nothing): at start-up in {@code serve}, on demand in {@code bench e2e}. */
    public void start() {
        Thread t = new Thread(this::run, "qa-request-loop");
        if (thread.compareAndSet(null, t)) {
            t.start();
        }
    }

    /**
     * Stops taking batches and lets the one in hand be written and committed, waiting up to the drain timeout
     * (called first by {@code ShutdownSequence}). If the batch is still running then, it is given up: nothing of it
     * is written or committed from here on, so that answers failing because the encoder is closed next are not
     * delivered as dead letters, and the group hands the whole batch to another replica. False when the loop never
     * ran (commands other than {@code serve} and {@code bench e2e}).
     */
    public boolean stop() {
        Thread t = thread.get();
        if (t == null) {
            return false;
        }
        LOG.infof("draining: %d micro-batch(es) in flight, waiting up to %s", drain.drain(),
                config.shutdown().drainTimeout());
        giveUp = true; // from here on nothing more is delivered
        boolean drained = drain.idle();
        if (!drained) {
            LOG.warnf("the micro-batch in flight is given up: it is neither written nor committed, and will be redelivered");
        }
        try {
            // Drained: the loop is leaving and closes its clients (the consumer leaves the group at once); else waiting
            // longer only delays shutdown.
            t.join(drained ? config.shutdown().drainTimeout().toMillis() : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** True once the consumer polled the broker successfully (readiness). */
    public boolean polling() {
        return polling;
    }

    /**
     * The consumer's open connections to brokers now (its {@code connection-count} metric): 0 while no broker answers,
     * also while the loop waits on a delivery, so readiness reflects the request path's own link.
     */
    public double brokerConnections() {
        ConnectionCount c = connections;
        return c == null ? 0 : c.read();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer();
                Delivery delivery = clients.exactlyOnce()
                        ? new ExactlyOnceDelivery(clients::producer) : new AtLeastOnceDelivery(clients.producer());
                KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer)) {
            consumerMetrics.bindTo(registry);
            var b = config.batching();
            connections = new ConnectionCount(consumer);
            MicroBatchPoller poller = new MicroBatchPoller(consumer, config.topics().requests(), b.maxRequests(),
                    b.maxTokens(), b.maxDelay(), answering::modelTokens);
            LOG.infof("consuming %s as group %s, %s, micro-batches of up to %d requests and %,d model tokens",
                    config.topics().requests(), config.consumer().groupId(), config.delivery().mode(), b.maxRequests(),
                    b.maxTokens());
            while (true) {
                List<ConsumerRecord<String, byte[]>> batch = poller.next();
                polling = true;
                if (batch.isEmpty()) {
                    if (!drain.admit()) {
                        return;
                    }
                    drain.done();
                    continue;
                }
                if (!drain.admit()) {
                    return; // never answered, never committed: the group hands these to another replica
                }
                try {
                    process(batch, poller, delivery, consumer);
                } finally {
                    drain.done();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.fatal("the request loop stopped; exiting so that the platform restarts the worker", e);
            Quarkus.asyncExit(1);
        } finally {
            polling = false;
        }
    }

    private void process(List<ConsumerRecord<String, byte[]>> batch, MicroBatchPoller poller, Delivery delivery,
                         KafkaConsumer<String, byte[]> consumer) {
        long tokens = poller.lastBatchTokens();
        metrics.microBatch(batch.size(), tokens);
        long started = System.nanoTime();
        InFlightBatch inFlight = new InFlightBatch(batch, answerer.start(batch), poller, delivery, consumer);
        poller.keepPolling(inFlight.answered, inFlight);
        boolean settled = inFlight.settle();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.microBatchSettled(took);
        if (took.compareTo(LONG_BATCH) > 0) {
            LOG.infof("micro-batch of %d request(s), %,d model tokens: %.1f s", batch.size(), tokens,
                    took.toMillis() / 1000.0);
        }
        if (!settled) {
            RetryPause.take();
        }
    }

    /** One micro-batch from the start of its answering to its delivery, which happens once, whoever asks first. */
    private final class InFlightBatch implements MicroBatchPoller.InFlight {

        final List<ConsumerRecord<String, byte[]>> batch;
        final CompletableFuture<List<Outcome>> answered;
        private final MicroBatchPoller poller;
        private final Delivery delivery;
        private final KafkaConsumer<String, byte[]> consumer;
        private boolean abandoned;
        private Boolean settled;

        InFlightBatch(List<ConsumerRecord<String, byte[]>> batch, CompletableFuture<List<Outcome>> answered,
                      MicroBatchPoller poller, Delivery delivery, KafkaConsumer<String, byte[]> consumer) {
            this.batch = batch;
            this.answered = answered;
            this.poller = poller;
            this.delivery = delivery;
            this.consumer = consumer;
        }

        @Override
        public void deliverNow() {
            settle();
        }

        @Override
        public void abandon() {
            abandoned = true;
        }

        /** Waits for the answers and delivers them (once); false when the delivery failed and the batch was rewound. */
        boolean settle() {
            if (settled == null) {
                settled = deliver(answered.join());
            }
            return settled;
        }

        private boolean deliver(List<Outcome> outcomes) {
            if (abandoned || giveUp) {
                poller.rewind(batch); // only partitions still owned move back; the new owners read the rest
                return true;
            }
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                records.add(outputs.of(batch.get(i), outcomes.get(i)));
            }
            try {
                delivery.deliver(records, MicroBatchPoller.nextOffsets(batch), consumer);
            } catch (DeliveryFailedException e) {
                LOG.warnf("micro-batch of %d not delivered (%s: %s); consuming it again in %s", batch.size(),
                        e.getMessage(), String.valueOf(e.getCause()), RetryPause.LENGTH);
                poller.rewind(batch);
                return false;
            }
            for (Outcome outcome : outcomes) {
                count(outcome);
                if (outcome.kind() == Outcome.Kind.ANSWERED) {
                    feed.published(outcome.json());
                }
            }
            return true;
        }
    }

    private void count(Outcome outcome) {
        switch (outcome.kind()) {
            case ANSWERED -> metrics.answered(outcome.queued(), outcome.inferred());
            case DEAD_LETTERED -> metrics.deadLettered(outcome.code(), outcome.queued());
            case FAILED -> metrics.failed(outcome.code(), outcome.queued());
        }
    }
}
