package dev.attentionqa.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Writes a refused request to {@code dead-letters} byte for byte, with the original key and headers (the trace
 * context rewritten by the producer span, see {@link TracingHeaders}) plus
 * {@code dead-letter-reason} (code and detail), {@code dead-letter-code} and where it came from.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON = "dead-letter-reason";
    public static final String CODE = "dead-letter-code";

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> emitter;

    Uni<Void> publish(byte[] value, String code, String reason, IncomingKafkaRecordMetadata<?, ?> request, Context trace) {
        RecordHeaders headers = TracingHeaders.allButTraceContext(request.getHeaders());
        headers.add(REASON, utf8(reason));
        headers.add(CODE, utf8(code));
        headers.add("dead-letter-topic", utf8(request.getTopic()));
        headers.add("dead-letter-partition", utf8(String.valueOf(request.getPartition())));
        headers.add("dead-letter-offset", utf8(String.valueOf(request.getOffset())));
        var metadata = OutgoingKafkaRecordMetadata.builder()
                .withKey(request.getKey())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(value == null ? new byte[0] : value).addMetadata(metadata)
                .addMetadata(TracingHeaders.continuing(trace)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
