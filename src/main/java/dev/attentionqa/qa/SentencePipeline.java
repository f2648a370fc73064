package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sentence mode for embedding models: split the context into sentences, rank them against the question
 * (an encoder score plus weighted IDF overlap), return the best {@code topK} with an attention explanation.
 */
public final class SentencePipeline implements QaPipeline {

    public static final String MODE = "sentence";

    private final WordPieceTokenizer tokenizer;
    private final SentenceScorer scorer;
    private final SentenceExplainer explainer;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final int maxQuestionTokens;
    private final double idfWeight;

    public SentencePipeline(WordPieceTokenizer tokenizer, SentenceScorer scorer, SentenceExplainer explainer,
                            int maxQuestionTokens, double idfWeight) {
        this.tokenizer = tokenizer;
        this.scorer = scorer;
        this.explainer = explainer;
        this.maxQuestionTokens = maxQuestionTokens;
        this.idfWeight = idfWeight;
    }

    /** Answers one question; {@code topWords} ≤ 0 means no explanation. */
    @Override
    public QaResult answer(String question, String context, int topK, int topWords) {
        long started = System.nanoTime();
        List<Sentence> sentences = splitter.split(context);
        if (sentences.isEmpty()) {
            throw new NoSentenceException(context);
        }
        TokenizedText q = tokenizer.tokenize(question);
        q = q.slice(0, Math.min(q.size(), maxQuestionTokens));
        TokenizedText c = tokenizer.tokenize(context);
        int[][] ranges = SentenceTokens.ranges(c, sentences);
        IdfOverlap idf = new IdfOverlap(sentences);
        double[] scores = scorer.scores(q, c, ranges, idf);
        double[] overlap = idf.scores(question);
        for (int s = 0; s < scores.length; s++) {
            scores[s] += idfWeight * overlap[s];
        }
        List<Integer> best = topIndices(scores, topK);
        List<Answer> answers = new ArrayList<>(best.size());
        for (int i : best) {
            Sentence s = sentences.get(i);
            answers.add(new Answer(s.text(), scores[i], s.start(), s.end()));
        }
        Explanation explanation = null;
        if (topWords > 0) {
            int[] r = ranges[best.get(0)];
            explanation = explainer.explain(q, c.slice(r[0], r[1]), topWords);
        }
        return new QaResult(MODE, answers, explanation, (System.nanoTime() - started) / 1_000_000);
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
