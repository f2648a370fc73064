package dev.attentionqa.tokenize;

/**
 * Ids of the tokens a BERT-family encoder wraps around its inputs: {@code [CLS] a [SEP] b [SEP]}, or with a
 * {@code doubleSeparator} RoBERTa's {@code <s> a </s></s> b </s>}, padded with {@code pad}; the tokens from
 * b's part on get segment id {@code secondSegment}.
 */
public record SpecialTokens(long cls, long sep, long pad, boolean doubleSeparator, long secondSegment) {

    /** BERT's layout: one separator between the texts, second text in segment 1. */
    public SpecialTokens(long cls, long sep, long pad) {
        this(cls, sep, pad, false, 1L);
    }

    /** Special tokens a pair adds: 3, or 4 with a double separator. */
    public int pairOverhead() {
        return doubleSeparator ? 4 : 3;
    }
}
