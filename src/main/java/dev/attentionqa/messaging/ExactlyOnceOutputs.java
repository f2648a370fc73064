package dev.attentionqa.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Exactly-once outputs: one Kafka transaction per poll (KIP-98, with KIP-447's group-metadata fencing) through the
 * connector's {@link KafkaTransactions} on the {@code outputs-tx} channel, holding the answers, the dead letters and
 * the poll's offsets (the batch's {@code IncomingKafkaRecordBatchMetadata}). The connector checks before the commit
 * that the consumer's group generation is still the batch's; on any failure it aborts, rewinds the consumer to the
 * committed offsets and the batch is consumed again.
 */
@ApplicationScoped
class ExactlyOnceOutputs {

    static final String CHANNEL = "outputs-tx";
    private static final Logger LOG = Logger.getLogger(ExactlyOnceOutputs.class);

    /**
     * Transactions that fail for this long without one succeeding mean the producer cannot commit any more (the
     * connector never replaces it: after a commit that timed out, or once fenced, every later one fails too).
     */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    @Inject
    @Channel(CHANNEL)
    KafkaTransactions<byte[]> transactions;

    @Inject
    FatalChannelExit exit;

    /** When the first of the failed transactions since the last commit failed; 0 when the last one committed. */
    private volatile long failingSince;

    /**
     * The transaction's outcome: true when committed (the batch is then acknowledged), false when aborted, after a
     * pause (the connector has rewound the consumer to the committed offsets; the records come again).
     * {@code withTransaction} and an explicit ack rather than {@code withTransactionAndAck}: that one recovers an
     * aborted transaction by nacking and then acknowledging the batch, so its result would read as committed and the
     * worker would count, and show on its page, answers that were rolled back.
     */
    Uni<Boolean> deliver(Message<?> batch, List<Message<byte[]>> outputs) {
        return transactions.withTransaction(batch, tx -> {
                    outputs.forEach(tx::send);
                    return Uni.createFrom().voidItem();
                })
                .onItem().transformToUni(committed -> Uni.createFrom().completionStage(batch::ack))
                .invoke(() -> failingSince = 0)
                .replaceWith(true)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("micro-batch of %d output(s) not delivered, transaction aborted (%s); it is consumed "
                            + "again from the committed offsets in %s", outputs.size(), String.valueOf(e),
                            AtLeastOnceOutputs.RETRY_PAUSE);
                    giveUpIfStuck(e);
                    return Uni.createFrom().item(false).onItem().delayIt().by(AtLeastOnceOutputs.RETRY_PAUSE);
                });
    }

    /**
     * Exits (the platform restarts the worker, whose new producer's {@code initTransactions} fences this one and
     * aborts what it left open) when the producer was fenced or has failed every transaction for
     * {@link #GIVE_UP_AFTER}: a broker outage shorter than that is ridden out in-process.
     */
    private void giveUpIfStuck(Throwable e) {
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
        }
        if (fenced(e)) {
            exit.exit("the transactional producer was fenced by another with the same transactional.id (" + e + ")");
        } else if (now - failingSince > GIVE_UP_AFTER.toNanos()) {
            exit.exit("no transaction committed for " + GIVE_UP_AFTER + " (last failure: " + e + ")");
        }
    }

    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }
}
