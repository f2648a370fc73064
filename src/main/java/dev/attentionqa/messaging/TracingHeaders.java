package dev.attentionqa.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.Set;

/**
 * Request headers on their way to the answer or dead letter: {@code correlation-id} is copied; the W3C trace
 * context ({@code traceparent}, {@code tracestate}) is not copied but written anew by the connector's producer
 * span, a child of the request's trace: same trace id, its own span id.
 */
final class TracingHeaders {

    static final String CORRELATION_ID = "correlation-id";
    static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    private TracingHeaders() {
    }

    /** The headers an answer starts with. */
    static RecordHeaders copiedFrom(Iterable<Header> incoming) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : incoming) {
            if (CORRELATION_ID.equals(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        return headers;
    }

    /** All request headers except the trace context, which the producer span writes again. */
    static RecordHeaders allButTraceContext(Iterable<Header> incoming) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : incoming) {
            if (!TRACE_CONTEXT.contains(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        return headers;
    }

    /** Metadata that makes the connector's producer span a child of {@code trace}. */
    static TracingMetadata continuing(Context trace) {
        return TracingMetadata.withCurrent(trace);
    }
}
