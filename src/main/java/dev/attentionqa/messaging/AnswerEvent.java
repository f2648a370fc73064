package dev.attentionqa.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.qa.Answer;

import java.util.List;

/**
 * The event written to {@code qa.answers}, keyed by the request id or the request record's key
 * ({@code qa.topics.answer-key}; see docs/message-contract.md). {@code schemaVersion} lets readers tell this layout
 * from later ones: it goes up when a field is removed or changes meaning, not when one is added. Version 2: span
 * answers carry {@code noAnswerScore}, and {@code answers} is empty when the worker abstains (version 1 always held
 * at least one answer).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerEvent(int schemaVersion, String id, String question, String mode, List<Answer> answers,
                          Double noAnswerScore, Explanation explanation, ModelRef model, Timings timings) {

    /** The layout this worker writes. */
    public static final int SCHEMA_VERSION = 2;

    /** An event of the current {@link #SCHEMA_VERSION}; {@code noAnswerScore} is null for sentence answers. */
    public AnswerEvent(String id, String question, String mode, List<Answer> answers, Double noAnswerScore,
                       Explanation explanation, ModelRef model, Timings timings) {
        this(SCHEMA_VERSION, id, question, mode, answers, noAnswerScore, explanation, model, timings);
    }

    /** Which model answered. */
    public record ModelRef(String name, String revision) {
    }

    /** Milliseconds spent waiting in the topic before this worker took the request, and in the model. */
    public record Timings(long queueMs, long inferenceMs) {
    }
}
