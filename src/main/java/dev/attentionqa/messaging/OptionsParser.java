package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionqa.explain.ExplanationMethod;

import java.util.Set;
import java.util.TreeSet;

/** Reads the optional {@code options} object of a request, filling gaps from the deployment defaults. */
final class OptionsParser {

    static final Set<String> OPTIONS = Set.of("topK", "explain", "explanation", "topWords", "mode", "allWords",
            "abstain");
    /** The answer mode whose score the gradient methods cannot explain. */
    static final String SENTENCE = "sentence";
    /** Methods sentence answers accept. */
    static final Set<String> SENTENCE_METHODS = new TreeSet<>(Set.of(ExplanationMethod.ATTENTION.id(),
            ExplanationMethod.ROLLOUT.id()));

    private final RequestLimits limits;
    private final RequestOptions defaults;
    private final String sentenceExplanation;

    OptionsParser(RequestLimits limits, RequestOptions defaults, String sentenceExplanation) {
        this.limits = limits;
        this.defaults = defaults;
        this.sentenceExplanation = sentenceExplanation;
    }

    RequestOptions parse(JsonNode options) {
        if (options == null || options.isNull()) {
            return withModeDefault(defaults);
        }
        if (!options.isObject()) {
            throw JsonFields.wrongType("options", "an object", options);
        }
        JsonFields.rejectUnknown(options, OPTIONS, "options.");
        int topK = intIn(options, "topK", defaults.topK(), limits.maxTopK());
        int topWords = intIn(options, "topWords", defaults.topWords(), limits.maxTopWords());
        boolean explain = bool(options, "explain", defaults.explain());
        String explanation = oneOf(options.get("explanation"), "explanation", null, limits.explanations());
        String mode = oneOf(options.get("mode"), "mode", defaults.mode(), limits.modes());
        boolean allWords = bool(options, "allWords", defaults.allWords());
        boolean abstain = bool(options, "abstain", defaults.abstain());
        if (explanation != null && mode.equals(SENTENCE) && ExplanationMethod.of(explanation).needsSpanScore()) {
            throw new InvalidRequestException(RejectReason.UNSUPPORTED_VALUE, "field 'options.explanation' \""
                    + explanation + "\" explains the score of a span answer; sentence answers take one of "
                    + SENTENCE_METHODS + " (got mode \"sentence\")");
        }
        return withModeDefault(new RequestOptions(topK, explain, explanation, topWords, mode, allWords, abstain));
    }

    /** Fills an absent method with the default of the answer's mode. */
    private RequestOptions withModeDefault(RequestOptions o) {
        if (o.explanation() != null && o != defaults) {
            return o;
        }
        String method = o.mode().equals(SENTENCE) ? sentenceExplanation : defaults.explanation();
        return o.withExplanation(method);
    }

    private int intIn(JsonNode options, String name, int fallback, int max) {
        JsonNode node = options.get(name);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw JsonFields.wrongType("options." + name, "an integer", node);
        }
        int value = node.intValue();
        if (value < 1 || value > max) {
            throw new InvalidRequestException(RejectReason.OUT_OF_RANGE, "field 'options." + name
                    + "' must be between 1 and " + max + " (got " + value + ")");
        }
        return value;
    }

    private boolean bool(JsonNode options, String name, boolean fallback) {
        JsonNode node = options.get(name);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw JsonFields.wrongType("options." + name, "true or false", node);
        }
        return node.booleanValue();
    }

    private static String oneOf(JsonNode node, String name, String fallback, Set<String> accepted) {
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw JsonFields.wrongType("options." + name, "a string", node);
        }
        if (!accepted.contains(node.textValue())) {
            throw new InvalidRequestException(RejectReason.UNSUPPORTED_VALUE, "field 'options." + name + "' must be one of "
                    + new TreeSet<>(accepted) + " (got \"" + JsonFields.shorten(node.textValue()) + "\")");
        }
        return node.textValue();
    }
}
