package dev.attentionqa.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.qa.Answer;

import java.util.List;

/** The event written to {@code qa.answers}, keyed by the request id (see README "Message contract"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerEvent(String id, String question, String mode, List<Answer> answers, Explanation explanation,
                          ModelRef model, Timings timings) {

    /** Which model answered. */
    public record ModelRef(String name, String revision) {
    }

    /** Milliseconds spent waiting in the topic before this worker took the request, and in the model. */
    public record Timings(long queueMs, long inferenceMs) {
    }
}
