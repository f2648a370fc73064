package dev.attentionqa.qa;

/**
 * Span-mode decoding options, named and defaulted as HF's question-answering pipeline: top_k 1,
 * max_answer_len 15, handle_impossible_answer false, align_to_words true.
 */
public record SpanOptions(int topK, int maxAnswerLen, boolean handleImpossibleAnswer, boolean alignToWords) {

    public SpanOptions {
        if (topK < 1) {
            throw new IllegalArgumentException("top_k must be ≥ 1 (got " + topK + ")");
        }
        if (maxAnswerLen < 1) {
            throw new IllegalArgumentException("max_answer_len must be ≥ 1 (got " + maxAnswerLen + ")");
        }
    }

    /** HF's defaults. */
    public static SpanOptions defaults() {
        return new SpanOptions(1, 15, false, true);
    }

    /** These options with another {@code topK}. */
    public SpanOptions withTopK(int k) {
        return new SpanOptions(k, maxAnswerLen, handleImpossibleAnswer, alignToWords);
    }
}
