package dev.attentionqa.messaging;

/** A validated question-answering request: the event on {@code qa.requests}. */
public record QaRequest(String id, String question, String context, RequestOptions options) {
}
