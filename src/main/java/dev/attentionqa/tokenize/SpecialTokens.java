package dev.attentionqa.tokenize;

/** Ids of the tokens a BERT-family encoder wraps around its inputs: {@code [CLS] a [SEP] b [SEP]}, padded with {@code [PAD]}. */
public record SpecialTokens(long cls, long sep, long pad) {
}
