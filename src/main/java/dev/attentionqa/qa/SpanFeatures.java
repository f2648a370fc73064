package dev.attentionqa.qa;

import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * HF question-answering preprocess: the question (cut to {@code maxQuestionLen} tokens) paired with context
 * windows that fill {@code maxSeqLen} with the special tokens, consecutive windows overlapping by {@code docStride}.
 */
public final class SpanFeatures {

    private final int maxSeqLen;
    private final int docStride;
    private final int maxQuestionLen;
    /** [CLS], [SEP] after the question, [SEP] after the context; RoBERTa has a second separator after the question. */
    private final int specialTokens;

    /** BERT's layout: {@code [CLS] question [SEP] context [SEP]}. */
    public SpanFeatures(int maxSeqLen, int docStride, int maxQuestionLen) {
        this(maxSeqLen, docStride, maxQuestionLen, false);
    }

    /** With {@code doubleSeparator}, RoBERTa's layout {@code <s> question </s></s> context </s>}. */
    public SpanFeatures(int maxSeqLen, int docStride, int maxQuestionLen, boolean doubleSeparator) {
        this.specialTokens = doubleSeparator ? 4 : 3;
        if (maxQuestionLen < 1 || docStride < 0) {
            throw new IllegalArgumentException("max_question_len must be ≥ 1 and doc_stride ≥ 0 (got max_question_len "
                    + maxQuestionLen + ", doc_stride " + docStride + ")");
        }
        if (maxSeqLen - maxQuestionLen - specialTokens <= docStride) {
            throw new IllegalArgumentException("max_seq_len must leave more than doc_stride context tokens after the "
                    + "question and " + specialTokens + " special tokens (got max_seq_len " + maxSeqLen + ", max_question_len "
                    + maxQuestionLen + ", doc_stride " + docStride + ")");
        }
        this.maxSeqLen = maxSeqLen;
        this.docStride = docStride;
        this.maxQuestionLen = maxQuestionLen;
    }

    /** The question's first {@code maxQuestionLen} tokens. */
    public TokenizedText question(TokenizedText question) {
        return question.slice(0, Math.min(question.size(), maxQuestionLen));
    }

    /** Windows over {@code contextLength} tokens after a question of {@code questionLength} (≤ maxQuestionLen) tokens. */
    public List<SpanWindow> windows(int questionLength, int contextLength) {
        if (questionLength > maxQuestionLen) {
            throw new IllegalArgumentException("question must be cut to max_question_len " + maxQuestionLen
                    + " tokens first (got " + questionLength + ")");
        }
        int room = maxSeqLen - questionLength - specialTokens;
        List<SpanWindow> windows = new ArrayList<>();
        for (int[] w : TokenWindows.of(contextLength, room, docStride)) {
            windows.add(new SpanWindow(w[0], w[1], questionLength + specialTokens - 1));
        }
        return windows;
    }

    /** One padded batch {@code [CLS] question [SEP] window [SEP]}, question segment 0, context segment 1. */
    public static EncoderInput batch(TokenizedText question, TokenizedText context, List<SpanWindow> windows,
                                     SpecialTokens special) {
        List<long[]> contexts = new ArrayList<>(windows.size());
        for (SpanWindow w : windows) {
            contexts.add(java.util.Arrays.copyOfRange(context.ids(), w.from(), w.to()));
        }
        return EncoderBatch.of(Collections.nCopies(windows.size(), question.ids()), contexts, special);
    }
}
