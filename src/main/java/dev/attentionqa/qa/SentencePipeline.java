package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sentence mode for embedding models: split the context into sentences, rank them against the question
 * (embedding cosine + weighted IDF overlap), return the best {@code topK} with an attention explanation.
 */
public final class SentencePipeline {

    public static final String MODE = "sentence";

    private final WordPieceTokenizer tokenizer;
    private final SentenceEmbedder embedder;
    private final SentenceExplainer explainer;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final int maxQuestionTokens;
    private final double idfWeight;

    public SentencePipeline(WordPieceTokenizer tokenizer, SentenceEmbedder embedder, SentenceExplainer explainer,
                            int maxQuestionTokens, double idfWeight) {
        this.tokenizer = tokenizer;
        this.embedder = embedder;
        this.explainer = explainer;
        this.maxQuestionTokens = maxQuestionTokens;
        this.idfWeight = idfWeight;
    }

    /** Answers one question; {@code topWords} ≤ 0 means no explanation. */
    public QaResult answer(String question, String context, int topK, int topWords) {
        long started = System.nanoTime();
        List<Sentence> sentences = splitter.split(context);
        if (sentences.isEmpty()) {
            throw new NoSentenceException(context);
        }
        TokenizedText q = tokenizer.tokenize(question);
        q = q.slice(0, Math.min(q.size(), maxQuestionTokens));
        List<TokenizedText> sentenceTokens = SentenceTokens.of(tokenizer.tokenize(context), sentences);
        double[] scores = scores(question, q, sentences, sentenceTokens);
        List<Integer> best = topIndices(scores, topK);
        List<Answer> answers = new ArrayList<>(best.size());
        for (int i : best) {
            Sentence s = sentences.get(i);
            answers.add(new Answer(s.text(), scores[i], s.start(), s.end()));
        }
        Explanation explanation = topWords > 0 ? explainer.explain(q, sentenceTokens.get(best.get(0)), topWords) : null;
        return new QaResult(MODE, answers, explanation, (System.nanoTime() - started) / 1_000_000);
    }

    private double[] scores(String question, TokenizedText q, List<Sentence> sentences, List<TokenizedText> tokens) {
        List<long[]> texts = new ArrayList<>(tokens.size() + 1);
        texts.add(q.ids());
        tokens.forEach(t -> texts.add(t.ids()));
        float[][] embeddings = embedder.embed(texts);
        double[] overlap = new IdfOverlap(sentences).scores(question);
        double[] scores = new double[sentences.size()];
        for (int s = 0; s < scores.length; s++) {
            scores[s] = Vectors.dot(embeddings[0], embeddings[s + 1]) + idfWeight * overlap[s];
        }
        return scores;
    }

    static List<Integer> topIndices(double[] scores, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed().thenComparingInt(i -> i));
        return order.subList(0, Math.min(k, order.size()));
    }
}
