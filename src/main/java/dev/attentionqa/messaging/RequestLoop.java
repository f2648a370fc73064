package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.ops.ShutdownDrain;
import dev.attentionqa.ops.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker's main loop, on one thread that owns the Kafka consumer: take a micro-batch of requests
 * ({@link MicroBatchPoller}), answer them together ({@link MicroBatchAnswerer}), write every outcome in record
 * order and commit the offsets ({@link Delivery}). Offsets move only after their outputs were written, and a
 * rebalance can only happen inside {@code poll}, between batches, never while a batch is being answered. A batch
 * that cannot be delivered (broker down, transaction aborted) is consumed again after a pause: the loop never
 * gives up and never crashes on a broker outage.
 */
@ApplicationScoped
public class RequestLoop {

    private static final Logger LOG = Logger.getLogger(RequestLoop.class);

    @Inject
    WorkerConfig config;

    @Inject
    KafkaClients clients;

    @Inject
    MicroBatchAnswerer answerer;

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

    /** Stops taking batches, lets the one in hand be written and committed, then closes the clients. */
    void onStop(@Observes ShutdownEvent event) {
        Thread t = thread.get();
        if (t == null) {
            return;
        }
        LOG.infof("draining: %d micro-batch(es) in flight, waiting up to %s", drain.drain(),
                config.shutdown().drainTimeout());
        try {
            t.join(config.shutdown().drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the consumer polled the broker successfully (readiness). */
    public boolean polling() {
        return polling;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer();
                Delivery delivery = clients.exactlyOnce()
                        ? new ExactlyOnceDelivery(clients::producer) : new AtLeastOnceDelivery(clients.producer());
                KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer)) {
            consumerMetrics.bindTo(registry);
            MicroBatchPoller poller = new MicroBatchPoller(consumer, config.topics().requests(),
                    config.batching().maxRequests(), config.batching().maxDelay());
            LOG.infof("consuming %s as group %s, %s, micro-batches of up to %d requests", config.topics().requests(),
                    config.consumer().groupId(), config.delivery().mode(), config.batching().maxRequests());
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
        metrics.microBatch(batch.size());
        List<Outcome> outcomes = answerer.answer(batch);
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
            RetryPause.take();
            return;
        }
        for (Outcome outcome : outcomes) {
            count(outcome);
            if (outcome.kind() == Outcome.Kind.ANSWERED) {
                feed.published(outcome.json());
            }
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
