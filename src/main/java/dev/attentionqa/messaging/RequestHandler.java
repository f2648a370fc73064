package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.ops.InferenceWatch;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Turns one request record into an {@link Outcome} inside a {@code qa.inference} span (child of the record's
 * trace), while {@link InferenceWatch} knows it is running. Never throws: every failure becomes a dead letter.
 */
@ApplicationScoped
public class RequestHandler {

    static final String SPAN = "qa.inference";
    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    @Inject
    Answering answering;

    @Inject
    InferenceWatch watch;

    @Inject
    Tracer tracer;

    @Inject
    ObjectMapper json;

    /**
     * @param parent the trace the request arrived in: the connector's receive span, a child of the request's
     *               {@code traceparent} ({@link Context#root()} when there is none)
     */
    Outcome handle(ConsumerRecord<String, byte[]> record, Context parent) {
        Duration queued = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp()));
        Span span = tracer.spanBuilder(SPAN).setParent(parent).startSpan();
        Context trace = Context.root().with(span);
        long ticket = watch.begin();
        try (Scope ignored = span.makeCurrent()) {
            QaRequest request = answering.parse(RequestCloudEvents.request(record, json));
            span.setAttribute("qa.request.id", request.id());
            AnswerEvent answer = answering.answer(request, queued.toMillis());
            Duration inferred = Duration.ofMillis(answer.timings().inferenceMs());
            return Outcome.answered(request.id(), answering.toJson(answer), queued, inferred, trace);
        } catch (InvalidRequestException e) {
            LOG.debugf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            span.setAttribute("qa.dead-letter.code", e.reason().code());
            return Outcome.refused(Outcome.Kind.DEAD_LETTERED, e.reason().code(), e.getMessage(), queued, trace);
        } catch (RuntimeException e) {
            LOG.errorf(e, "failed on %s-%d@%d", record.topic(), record.partition(), record.offset());
            span.recordException(e).setStatus(StatusCode.ERROR);
            String code = RejectReason.PROCESSING_FAILED.code();
            return Outcome.refused(Outcome.Kind.FAILED, code, code + ": " + e, queued, trace);
        } finally {
            watch.end(ticket);
            span.end();
        }
    }
}
