package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

/**
 * HF {@code get_indices}: a window's token span as character offsets of the original context. With
 * {@code alignToWords} the span grows to whole words (first piece of the start word to last piece of the end
 * word, within the window, as HF's per-window encoding sees them); tokens without a word keep their own offsets.
 */
public final class AnswerOffsets {

    private final TokenizedText context;
    private final boolean alignToWords;

    public AnswerOffsets(TokenizedText context, boolean alignToWords) {
        this.context = context;
        this.alignToWords = alignToWords;
    }

    /** The answer of a span: {@code text == context.substring(start, end)}. */
    public Answer answer(SpanWindow window, TokenSpan span) {
        int first = window.contextToken(span.start());
        int last = window.contextToken(span.end());
        if (alignToWords) {
            first = firstPieceOfWord(window, first);
            last = lastPieceOfWord(window, last);
        }
        int start = context.starts()[first];
        int end = context.ends()[last];
        return new Answer(context.text().substring(start, end), span.score(), start, end);
    }

    private int firstPieceOfWord(SpanWindow window, int token) {
        int word = context.wordIds()[token];
        while (word >= 0 && token > window.from() && context.wordIds()[token - 1] == word) {
            token--;
        }
        return token;
    }

    private int lastPieceOfWord(SpanWindow window, int token) {
        int word = context.wordIds()[token];
        while (word >= 0 && token + 1 < window.to() && context.wordIds()[token + 1] == word) {
            token++;
        }
        return token;
    }
}
