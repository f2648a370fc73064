package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The record each outcome becomes: an answer (JSON keyed by request id, or by the request record's key with
 * {@code qa.topics.answer-key=request-key}) on the answers topic, or the refused
 * request byte for byte on the dead-letter topic, with its key and headers plus {@code dead-letter-reason}
 * (code and detail), {@code dead-letter-code} and where it came from.
 */
@ApplicationScoped
public class OutputRecords {

    public static final String REASON = "dead-letter-reason";
    public static final String CODE = "dead-letter-code";

    private final String answers;
    private final String deadLetters;
    private final boolean keyByRequestKey;
    private final TracingHeaders tracing;

    @Inject
    OutputRecords(WorkerConfig config, TracingHeaders tracing) {
        this.answers = config.topics().answers();
        this.deadLetters = config.topics().deadLetters();
        this.keyByRequestKey = config.topics().answerKey().equals("request-key");
        this.tracing = tracing;
    }

    ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> request, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.ANSWERED) {
            return new ProducerRecord<>(answers, null, keyByRequestKey ? request.key() : outcome.id(),
                    outcome.json().getBytes(StandardCharsets.UTF_8),
                    tracing.forAnswer(request.headers(), outcome.trace()));
        }
        RecordHeaders headers = tracing.forDeadLetter(request.headers(), outcome.trace());
        headers.add(REASON, utf8(outcome.reason()));
        headers.add(CODE, utf8(outcome.code()));
        headers.add("dead-letter-topic", utf8(request.topic()));
        headers.add("dead-letter-partition", utf8(String.valueOf(request.partition())));
        headers.add("dead-letter-offset", utf8(String.valueOf(request.offset())));
        byte[] value = request.value() == null ? new byte[0] : request.value();
        return new ProducerRecord<>(deadLetters, null, request.key(), value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
