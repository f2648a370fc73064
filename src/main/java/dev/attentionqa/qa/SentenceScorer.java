package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

/** Scores every sentence of a context against a question with the encoder; higher is better. */
public interface SentenceScorer {

    /**
     * @param question the question's tokens (already cut to the maximum question length)
     * @param context  the whole context's tokens
     * @param ranges   per sentence, its {@code [from, to)} range of context tokens
     * @param idf      word IDF over this context's sentences
     */
    double[] scores(TokenizedText question, TokenizedText context, int[][] ranges, IdfOverlap idf);
}
