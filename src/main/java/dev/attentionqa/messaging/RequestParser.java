package dev.attentionqa.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.explain.ExplanationMethod;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Turns the raw bytes of a request event into a {@link QaRequest}, or an {@link InvalidRequestException}
 * whose message names the field and the value. Strict on purpose: a typo in a field name is reported,
 * not ignored, and numbers are not coerced from strings.
 */
public final class RequestParser {

    private static final int MAX_NESTING = 16;
    static final Set<String> FIELDS = Set.of("id", "question", "context", "options");

    private final ObjectMapper mapper;
    private final RequestLimits limits;
    private final OptionsParser optionsParser;

    /** Sentence answers default to rollout (the gradient methods explain span scores only). */
    public RequestParser(RequestLimits limits, RequestOptions defaults) {
        this(limits, defaults, ExplanationMethod.ROLLOUT.id());
    }

    /**
     * @param defaults            the deployment's defaults; {@code defaults.explanation()} is the method for span answers
     * @param sentenceExplanation the default method for sentence answers ({@code attention} or {@code rollout})
     */
    public RequestParser(RequestLimits limits, RequestOptions defaults, String sentenceExplanation) {
        this.limits = limits;
        this.optionsParser = new OptionsParser(limits, defaults, sentenceExplanation);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public QaRequest parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRequestException(RejectReason.EMPTY_VALUE, "event value is empty (got "
                    + (value == null ? "null" : "0 bytes") + ")");
        }
        if (value.length > limits.maxValueBytes()) {
            throw new InvalidRequestException(RejectReason.TOO_LARGE, "event value is larger than "
                    + limits.maxValueBytes() + " bytes (got " + value.length + ")");
        }
        ObjectNode root = readObject(Utf8.decode(value));
        JsonFields.rejectUnknown(root, FIELDS, "");
        String id = JsonFields.requiredText(root, "id", limits.maxIdChars());
        String question = JsonFields.requiredText(root, "question", limits.maxQuestionChars());
        String context = JsonFields.requiredText(root, "context", limits.maxContextChars());
        return new QaRequest(id, question, context, optionsParser.parse(root.get("options")));
    }

    private ObjectNode readObject(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException(RejectReason.TOO_DEEP, "JSON nests deeper than " + MAX_NESTING + " levels");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                throw new InvalidRequestException(RejectReason.DUPLICATE_FIELD, message);
            }
            throw new InvalidRequestException(RejectReason.MALFORMED_JSON, message + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(RejectReason.NOT_AN_OBJECT, "request must be a JSON object (got "
                    + JsonFields.typeName(node) + ")");
        }
        return (ObjectNode) node;
    }
}
