package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.TokenAttention;
import dev.attentionqa.explain.WordAggregator;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;

import java.util.List;

/**
 * Explains a sentence answer from one joint pass {@code [CLS] question [SEP] sentence [SEP]}, so attention
 * between the two is visible: context words are weighted by the rows of the question's tokens, question words
 * by the rows of the sentence's tokens, of the method's matrix (rollout, or one layer's head-averaged attention).
 */
public final class SentenceExplainer {

    /** The name of the single-layer method. */
    public static final String METHOD = ExplanationMethod.ATTENTION.id();

    private final ExplanationPass pass;
    private final SpecialTokens special;
    private final int maxSeqLen;

    public SentenceExplainer(BatchEncoder encoder, SpecialTokens special, int maxSeqLen) {
        this(encoder, special, maxSeqLen, -1);
    }

    /** @param attentionLayer layer the {@code attention} method reads; negative counts from the end (−1 = last) */
    public SentenceExplainer(BatchEncoder encoder, SpecialTokens special, int maxSeqLen, int attentionLayer) {
        this.pass = new ExplanationPass(encoder, attentionLayer);
        this.special = special;
        this.maxSeqLen = maxSeqLen;
    }

    /** Explains with rollout, the default method. */
    public Explanation explain(TokenizedText question, TokenizedText sentence, int topWords) {
        return explain(question, sentence, topWords, ExplanationMethod.ROLLOUT);
    }

    /** Every question word and the {@code topWords} heaviest sentence words (all of them: {@code Integer.MAX_VALUE}). */
    public Explanation explain(TokenizedText question, TokenizedText sentence, int topWords, ExplanationMethod method) {
        // A sentence longer than the window is explained on its first window.
        TokenizedText answer = sentence.slice(0, Math.min(sentence.size(), maxSeqLen - special.pairOverhead() - question.size()));
        int q = question.size();
        int a = answer.size();
        var input = EncoderBatch.of(List.of(question.ids()), List.of(answer.ids()), special);
        ExplanationPass.Matrix m = pass.run(input, method); // [seq, seq]
        int answerFrom = q + 2; // after [CLS] question [SEP]
        double[] contextWeights = a == 0 ? new double[0] : TokenAttention.received(m.weights(), 1, 1 + q, answerFrom, answerFrom + a);
        double[] questionWeights = a == 0 ? new double[q] : TokenAttention.received(m.weights(), answerFrom, answerFrom + a, 1, 1 + q);
        List<WordWeight> questionWords = words(question, questionWeights);
        List<WordWeight> contextWords = WordAggregator.top(words(answer, contextWeights), topWords);
        return new Explanation(method.id(), m.layers(), questionWords, contextWords);
    }

    private static List<WordWeight> words(TokenizedText t, double[] weights) {
        return WordAggregator.words(t.text(), t.wordIds(), t.starts(), t.ends(), weights);
    }
}
