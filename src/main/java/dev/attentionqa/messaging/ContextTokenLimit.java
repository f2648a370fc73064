package dev.attentionqa.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A bound on the model work of one request, checked before any is spent: the context's tokens under the answering
 * model's tokenizer (every encoder window a request needs is a slice of them, so work grows with their count). A
 * context within {@code qa.limits.max-context-chars} can still hold far more tokens than ordinary prose (about 4.5
 * characters a token): digits or letters separated by spaces, CJK text. Such a request would hold its micro-batch for
 * many minutes; it is refused to the dead-letter topic instead.
 *
 * @param maxTokens most context tokens one request may have
 * @param counters  by answer mode, the token count of a text under that mode's tokenizer
 */
public record ContextTokenLimit(int maxTokens, Map<String, ToIntFunction<String>> counters) {

    /** The default bound: half a token per allowed character, about twice what ordinary prose of that length needs. */
    public static int defaultFor(int maxContextChars) {
        return Math.max(1, maxContextChars / 2);
    }

    public ContextTokenLimit {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("qa.limits.max-context-tokens must be ≥ 1 (got " + maxTokens + ")");
        }
        counters = Map.copyOf(counters);
    }

    /** Refuses the context with {@link RejectReason#TOO_MANY_TOKENS} when it has more tokens than allowed. */
    void check(String mode, String context) {
        ToIntFunction<String> counter = counters.get(mode);
        if (counter == null) {
            return;
        }
        int tokens = counter.applyAsInt(context);
        if (tokens > maxTokens) {
            throw new InvalidRequestException(RejectReason.TOO_MANY_TOKENS, String.format(Locale.ROOT,
                    "field 'context' is %,d model tokens (%,d characters), more than qa.limits.max-context-tokens=%,d",
                    tokens, context.length(), maxTokens));
        }
    }
}
