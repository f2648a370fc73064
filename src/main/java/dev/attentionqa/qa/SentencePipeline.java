package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationBudget;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sentence mode for embedding models: split the context into sentences, rank them against the question
 * (an encoder score plus weighted IDF overlap), return the best {@code topK} with an attention explanation
 * (rollout by default).
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

    /** Answers one question, explained by rollout; {@code topWords} ≤ 0 means no explanation. */
    public QaResult answer(String question, String context, int topK, int topWords) {
        return answer(question, context, topK, topWords, ExplanationMethod.ROLLOUT);
    }

    /** Answers one question, explained by {@code method}; {@code topWords} ≤ 0 means no explanation. */
    @Override
    public QaResult answer(String question, String context, int topK, int topWords, ExplanationMethod method) {
        long started = System.nanoTime();
        List<Sentence> sentences = sentences(context);
        TokenizedText q = question(question);
        TokenizedText c = tokenizer.tokenize(context);
        int[][] ranges = SentenceTokens.ranges(c, sentences);
        double[] scores = scores(question, q, c, ranges, sentences);
        List<Integer> best = topIndices(scores, topK);
        List<Answer> answers = new ArrayList<>(best.size());
        for (int i : best) {
            Sentence s = sentences.get(i);
            answers.add(new Answer(s.text(), scores[i], s.start(), s.end()));
        }
        Explanation explanation = null;
        if (topWords > 0) {
            int[] r = ranges[best.get(0)];
            explanation = ExplanationBudget.fit(explainer.explain(q, c.slice(r[0], r[1]), topWords, method),
                    ExplanationBudget.DEFAULT_MAX_BYTES);
        }
        return new QaResult(MODE, answers, explanation, (System.nanoTime() - started) / 1_000_000);
    }

    /** About the context's and the question's tokens: the scorers encode each about once (window overlaps aside). */
    @Override
    public long modelTokens(String question, String context) {
        int c = tokenizer.tokenize(context).size();
        return c == 0 ? 0 : c + tokenizer.tokenize(question).size();
    }

    /** The context's sentences as this pipeline splits them. */
    public List<Sentence> sentences(String context) {
        List<Sentence> sentences = splitter.split(context);
        if (sentences.isEmpty()) {
            throw new NoSentenceException(context);
        }
        return sentences;
    }

    /** The ranking score of each given sentence of {@code context} (the {@code score} of an answer). */
    public double[] scores(String question, String context, List<Sentence> sentences) {
        TokenizedText c = tokenizer.tokenize(context);
        return scores(question, question(question), c, SentenceTokens.ranges(c, sentences), sentences);
    }

    /** The explanation of sentence {@code index} with every one of its words (no top-N cut). */
    public Explanation explainSentence(String question, String context, List<Sentence> sentences, int index,
                                       ExplanationMethod method) {
        TokenizedText c = tokenizer.tokenize(context);
        int[] r = SentenceTokens.ranges(c, sentences)[index];
        return explainer.explain(question(question), c.slice(r[0], r[1]), Integer.MAX_VALUE, method);
    }

    private TokenizedText question(String question) {
        TokenizedText q = NoTokensException.require(tokenizer.tokenize(question), "question", question);
        return q.slice(0, Math.min(q.size(), maxQuestionTokens));
    }

    private double[] scores(String question, TokenizedText q, TokenizedText c, int[][] ranges, List<Sentence> sentences) {
        IdfOverlap idf = new IdfOverlap(sentences);
        double[] scores = scorer.scores(q, c, ranges, idf);
        if (idfWeight == 0) {
            return scores; // the default with token-match: the overlap would be computed only to be multiplied by 0
        }
        double[] overlap = idf.scores(question);
        for (int s = 0; s < scores.length; s++) {
            scores[s] += idfWeight * overlap[s];
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
