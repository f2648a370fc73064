package dev.attentionqa.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.Set;

/** The request headers that travel on to the answer or dead letter: correlation id and W3C trace context. */
final class TracingHeaders {

    static final String CORRELATION_ID = "correlation-id";
    private static final Set<String> COPIED = Set.of(CORRELATION_ID, "traceparent", "tracestate");

    private TracingHeaders() {
    }

    static RecordHeaders copiedFrom(Iterable<Header> incoming) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : incoming) {
            if (COPIED.contains(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        return headers;
    }
}
