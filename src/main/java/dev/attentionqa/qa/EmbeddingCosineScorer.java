package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.List;

/** Cosine between the mean-pooled embedding of the question and of each sentence, each encoded on its own. */
public final class EmbeddingCosineScorer implements SentenceScorer {

    private final SentenceEmbedder embedder;

    public EmbeddingCosineScorer(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public double[] scores(TokenizedText question, TokenizedText context, int[][] ranges, IdfOverlap idf) {
        List<long[]> texts = new ArrayList<>(ranges.length + 1);
        texts.add(question.ids());
        for (int[] r : ranges) {
            texts.add(java.util.Arrays.copyOfRange(context.ids(), r[0], r[1]));
        }
        float[][] embeddings = embedder.embed(texts);
        double[] scores = new double[ranges.length];
        for (int s = 0; s < scores.length; s++) {
            scores[s] = Vectors.dot(embeddings[0], embeddings[s + 1]);
        }
        return scores;
    }
}
