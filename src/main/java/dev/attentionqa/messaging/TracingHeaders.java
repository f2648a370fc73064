package dev.attentionqa.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Request headers on their way to the answer or dead letter: {@code correlation-id} is copied; the W3C trace
 * context ({@code traceparent}, {@code tracestate}) is read from the request and written anew for the output,
 * from the inference span: same trace id, its own span id.
 */
@ApplicationScoped
class TracingHeaders {

    static final String CORRELATION_ID = "correlation-id";
    static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header h = headers == null ? null : headers.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final TextMapPropagator propagator;

    @Inject
    TracingHeaders(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The request's trace context (the root context when it has none). */
    Context extract(Headers headers) {
        return propagator.extract(Context.root(), headers, GETTER);
    }

    /** The headers an answer carries: the correlation id and the trace context of {@code trace}. */
    RecordHeaders forAnswer(Iterable<Header> incoming, Context trace) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : incoming) {
            if (CORRELATION_ID.equals(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        inject(trace, headers);
        return headers;
    }

    /** All request headers except its trace context, which is replaced by that of {@code trace}. */
    RecordHeaders forDeadLetter(Iterable<Header> incoming, Context trace) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : incoming) {
            if (!TRACE_CONTEXT.contains(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        inject(trace, headers);
        return headers;
    }

    private void inject(Context trace, RecordHeaders headers) {
        propagator.inject(trace, headers, (carrier, key, value) ->
                carrier.add(key, value.getBytes(StandardCharsets.UTF_8)));
    }
}
