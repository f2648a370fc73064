package dev.attentionqa.messaging;

import io.opentelemetry.context.Context;

import java.time.Duration;

/**
 * What became of one request before anything was written: an answer (JSON) or a dead letter (code and reason),
 * with the time it queued and spent in inference, and the trace context its output continues.
 */
record Outcome(Kind kind, String id, String json, String code, String reason, Duration queued, Duration inferred,
               Context trace) {

    /** The three ends of a request; {@code FAILED} is dead-lettered too, as {@code processing-failed}. */
    enum Kind { ANSWERED, DEAD_LETTERED, FAILED }

    static Outcome answered(String id, String json, Duration queued, Duration inferred, Context trace) {
        return new Outcome(Kind.ANSWERED, id, json, null, null, queued, inferred, trace);
    }

    static Outcome refused(Kind kind, String code, String reason, Duration queued, Context trace) {
        return new Outcome(kind, null, null, code, reason, queued, Duration.ZERO, trace);
    }
}
