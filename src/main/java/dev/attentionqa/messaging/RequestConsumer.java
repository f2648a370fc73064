package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.ops.ShutdownDrain;
import dev.attentionqa.ops.WorkerMetrics;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's request path: the connector hands over one poll of the {@code requests} channel (up to
 * {@code qa.batching.max-requests} records), cut into micro-batches of at most {@code qa.batching.max-tokens} model
 * tokens ({@link TokenSlices}); each is answered together ({@link MicroBatchAnswerer}) and every outcome becomes an
 * output message ({@link OutputMessages}). The batch is acknowledged, and its offsets committed, only with or after
 * its outputs: in at-least-once mode once the broker took them ({@link AtLeastOnceOutputs}), in exactly-once mode in
 * the same transaction ({@link ExactlyOnceOutputs}). Batches run one at a time, in order, on a worker thread; the
 * connector keeps polling with paused partitions meanwhile, so a long batch never costs the consumer its place in
 * the group.
 */
@ApplicationScoped
public class RequestConsumer {

    static final String CHANNEL = KafkaChannelSettings.REQUESTS;
    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);
    /** Micro-batches longer than this are logged with their size (heavy input stays visible in the log too). */
    private static final Duration LONG_BATCH = Duration.ofSeconds(5);

    @Inject
    WorkerConfig config;

    @Inject
    MicroBatchAnswerer answerer;

    @Inject
    Answering answering;

    @Inject
    OutputMessages outputs;

    @Inject
    AtLeastOnceOutputs atLeastOnce;

    @Inject
    ExactlyOnceOutputs exactlyOnce;

    @Inject
    WorkerMetrics metrics;

    @Inject
    AnswerFeed feed;

    @Inject
    ShutdownDrain drain;

    @Inject
    ChannelRegistry channels;

    @Inject
    ObjectMapper json;

    @Inject
    FatalChannelExit exit;

    /** Shutdown gave up on the batch in flight: deliver nothing more. */
    private volatile boolean giveUp;
    /** A batch is between admission and delivery (read by {@link PartitionEvents}). */
    private volatile boolean inFlight;
    private volatile boolean consumed;

    void onStart(@Observes StartupEvent event) {
        if (config.consumer().enabled()) {
            var b = config.batching();
            LOG.infof("consuming %s as group %s, %s, micro-batches of up to %d requests and %,d model tokens",
                    config.topics().requests(), config.consumer().groupId(), config.delivery().mode(), b.maxRequests(),
                    b.maxTokens());
        }
    }

    @Incoming(CHANNEL)
    @Blocking
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        consumed = true;
        if (giveUp || !drain.admit()) {
            return Uni.createFrom().voidItem(); // never answered, never acknowledged: the next owner reads these
        }
        inFlight = true;
        try {
            Uni<Void> delivered = answerAndDeliver(batch);
            return delivered.eventually(this::settled);
        } catch (RuntimeException | Error e) {
            settled();
            // Never expected (a request's own failure is a dead letter). The connector would nack the poll, and
            // in exactly-once mode its failure strategy moves on past it: restart from the committed offsets.
            exit.exit("a micro-batch failed outside any request (" + e + ")");
            throw e;
        }
    }

    private Uni<Void> answerAndDeliver(KafkaRecordBatch<String, byte[]> batch) {
        boolean exactly = DeliveryMode.of(config) == DeliveryMode.EXACTLY_ONCE;
        List<Message<byte[]>> messages = new ArrayList<>();
        List<Outcome> answered = new ArrayList<>();
        var slices = TokenSlices.of(batch.getRecords(), this::modelTokens, config.batching().maxTokens());
        for (var slice : slices) {
            List<Outcome> outcomes = answer(slice);
            if (giveUp) {
                return Uni.createFrom().voidItem();
            }
            List<Message<byte[]>> sliceMessages = new ArrayList<>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                sliceMessages.add(outputs.of(record(slice.items().get(i)), outcomes.get(i)));
            }
            if (exactly) {
                messages.addAll(sliceMessages); // one transaction for the whole poll
                answered.addAll(outcomes);
            } else if (atLeastOnce.send(sliceMessages, () -> giveUp)) {
                published(outcomes); // each slice's answers go out as soon as they are ready
            } else {
                return Uni.createFrom().voidItem();
            }
        }
        if (!exactly) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        return exactlyOnce.deliver(batch, messages).invoke(committed -> {
            if (committed) {
                published(answered);
            }
        }).replaceWithVoid();
    }

    private List<Outcome> answer(TokenSlices.Slice<KafkaRecord<String, byte[]>> slice) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(slice.items().size());
        List<Context> traces = new ArrayList<>(slice.items().size());
        for (KafkaRecord<String, byte[]> r : slice.items()) {
            records.add(record(r));
            traces.add(TracingMetadata.fromMessage(r).map(TracingMetadata::getCurrentContext).orElse(Context.root()));
        }
        metrics.microBatch(records.size(), slice.tokens());
        long started = System.nanoTime();
        List<Outcome> outcomes = answerer.answer(records, traces);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.microBatchSettled(took);
        if (took.compareTo(LONG_BATCH) > 0) {
            LOG.infof("micro-batch of %d request(s), %,d model tokens: %.1f s", records.size(), slice.tokens(),
                    took.toMillis() / 1000.0);
        }
        return outcomes;
    }

    /** What answering the record would cost the model (0 when it is refused before any model work). */
    private long modelTokens(KafkaRecord<String, byte[]> r) {
        try {
            return answering.modelTokens(RequestCloudEvents.request(record(r), json));
        } catch (InvalidRequestException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, byte[]> record(KafkaRecord<String, byte[]> r) {
        return r.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getRecord();
    }

    private void published(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            switch (outcome.kind()) {
                case ANSWERED -> {
                    metrics.answered(outcome.queued(), outcome.inferred());
                    feed.published(outcome.json());
                }
                case DEAD_LETTERED -> metrics.deadLettered(outcome.code(), outcome.queued());
                case FAILED -> metrics.failed(outcome.code(), outcome.queued());
            }
        }
    }

    private void settled() {
        inFlight = false;
        drain.done();
    }

    /** True while a micro-batch is answered or delivered. */
    boolean inFlight() {
        return inFlight;
    }

    /** Lets a channel that starts paused ({@code bench e2e}) consume; nothing when it already does. */
    public void start() {
        PausableChannel pausable = channels.getPausable(CHANNEL);
        if (pausable != null && pausable.isPaused()) {
            pausable.resume();
        }
    }

    /**
     * Stops taking batches and lets the one in hand be written and committed, waiting up to the drain timeout
     * (called first by {@code ShutdownSequence}). If the batch is still running then, it is given up: nothing of it
     * is written or committed from here on, so that answers failing because the encoder is closed next are not
     * delivered as dead letters, and the group hands the whole batch to another replica. False when this worker
     * never consumed (commands other than {@code serve} and {@code bench e2e}).
     */
    public boolean stop() {
        if (!config.consumer().enabled() && !consumed) {
            return false;
        }
        LOG.infof("draining: %d micro-batch(es) in flight, waiting up to %s", drain.drain(),
                config.shutdown().drainTimeout());
        giveUp = true; // from here on nothing more is delivered
        if (!drain.idle()) {
            LOG.warnf("the micro-batch in flight is given up: it is neither written nor committed, and will be redelivered");
        }
        return true;
    }
}
