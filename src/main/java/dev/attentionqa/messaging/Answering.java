package dev.attentionqa.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.NoSentenceException;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.QaPipeline;

/** Request bytes in, answer JSON out: parse, answer, serialise; every refusal is an {@link InvalidRequestException}. */
public final class Answering {

    private final RequestParser parser;
    private final QaPipeline pipeline;
    private final AnswerEvent.ModelRef model;
    private final ObjectMapper json;

    public Answering(RequestParser parser, QaPipeline pipeline, AnswerEvent.ModelRef model, ObjectMapper json) {
        this.parser = parser;
        this.pipeline = pipeline;
        this.model = model;
        this.json = json;
    }

    /** The parsed request, or a specific refusal. */
    public QaRequest parse(byte[] value) {
        return parser.parse(value);
    }

    public AnswerEvent answer(QaRequest request, long queueMs) {
        RequestOptions o = request.options();
        QaResult result;
        try {
            result = pipeline.answer(request.question(), request.context(), o.topK(), o.explain() ? o.topWords() : 0,
                    ExplanationMethod.of(o.explanation()));
        } catch (NoSentenceException e) {
            throw new InvalidRequestException(RejectReason.NO_SENTENCE, "field 'context' " + e.getMessage());
        }
        return new AnswerEvent(request.id(), request.question(), result.mode(), result.answers(), result.explanation(),
                model, new AnswerEvent.Timings(queueMs, result.inferenceMs()));
    }

    public String toJson(AnswerEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise answer " + event.id(), e);
        }
    }
}
