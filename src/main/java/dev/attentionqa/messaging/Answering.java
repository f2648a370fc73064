package dev.attentionqa.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.qa.Abstention;
import dev.attentionqa.qa.ContentWords;
import dev.attentionqa.qa.NoSentenceException;
import dev.attentionqa.qa.NoTokensException;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.QaPipeline;

import java.util.Map;

/** Request bytes in, answer JSON out: parse, answer, serialise; every refusal is an {@link InvalidRequestException}. */
public final class Answering {

    private final RequestParser parser;
    private final Map<String, QaPipeline> pipelines;
    private final Map<String, AnswerEvent.ModelRef> models;
    private final ObjectMapper json;
    private final ContextTokenLimit tokenLimit;
    private final Abstention abstention;

    /** {@code pipelines} and {@code models} by answer mode, the modes the parser accepts. */
    public Answering(RequestParser parser, Map<String, QaPipeline> pipelines, Map<String, AnswerEvent.ModelRef> models,
                     ObjectMapper json, ContextTokenLimit tokenLimit, Abstention abstention) {
        this.parser = parser;
        this.pipelines = Map.copyOf(pipelines);
        this.models = Map.copyOf(models);
        this.json = json;
        this.tokenLimit = tokenLimit;
        this.abstention = abstention;
    }

    /** The parsed request, or a specific refusal. */
    public QaRequest parse(byte[] value) {
        return parser.parse(value);
    }

    /**
     * The model tokens answering and explaining this request would run ({@link QaPipeline#modelTokens},
     * {@link QaPipeline#explanationTokens}); 0 for a request that is
     * refused before any model work (unparseable, invalid, over the context token limit) or cannot be read.
     */
    public long modelTokens(byte[] value) {
        try {
            QaRequest request = parser.parse(value);
            String mode = request.options().mode();
            tokenLimit.check(mode, request.context());
            RequestOptions o = request.options();
            QaPipeline pipeline = pipelines.get(mode);
            return pipeline.modelTokens(request.question(), request.context()) + (o.explain()
                    ? pipeline.explanationTokens(request.question(), request.context(), ExplanationMethod.of(o.explanation()))
                    : 0);
        } catch (RuntimeException e) {
            // Refused (InvalidRequestException) or failing: either way answering it spends no model work, and the
            // handler, not the consumer thread that asks this, reports why.
            return 0;
        }
    }

    public AnswerEvent answer(QaRequest request, long queueMs) {
        RequestOptions o = request.options();
        tokenLimit.check(o.mode(), request.context());
        QaResult result;
        try {
            // Content words only: rank every word (within the explanation budget), then show the heaviest content ones.
            int words = !o.explain() ? 0 : o.allWords() ? o.topWords() : Integer.MAX_VALUE;
            result = pipelines.get(o.mode()).answer(request.question(), request.context(), o.topK(), words,
                    ExplanationMethod.of(o.explanation()));
        } catch (NoSentenceException e) {
            throw new InvalidRequestException(RejectReason.NO_SENTENCE, "field 'context' " + e.getMessage());
        } catch (NoTokensException e) {
            throw new InvalidRequestException(RejectReason.EMPTY_FIELD, "field '" + e.field() + "' " + e.getMessage());
        }
        if (o.abstain() && result.noAnswerScore() != null) {
            result = abstention.apply(result);
        }
        Explanation shown = result.explanation() == null || o.allWords() ? result.explanation()
                : ContentWords.top(result.explanation(), o.topWords());
        return new AnswerEvent(request.id(), request.question(), result.mode(), result.answers(),
                result.noAnswerScore(), shown, models.get(o.mode()), new AnswerEvent.Timings(queueMs, result.inferenceMs()));
    }

    public String toJson(AnswerEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise answer " + event.id(), e);
        }
    }
}
