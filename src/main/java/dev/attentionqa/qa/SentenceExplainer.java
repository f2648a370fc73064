package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.TokenAttention;
import dev.attentionqa.explain.WordAggregator;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;

import java.util.EnumSet;
import java.util.List;

/**
 * Explains a sentence answer from one joint pass {@code [CLS] question [SEP] sentence [SEP]}, so attention
 * between the two is visible: context words are weighted by the attention they receive from the question's
 * tokens, question words by the attention they receive from the sentence's tokens (head-averaged, last layer).
 */
public final class SentenceExplainer {

    public static final String METHOD = "attention";

    private final Encoder encoder;
    private final SpecialTokens special;
    private final int maxSeqLen;

    public SentenceExplainer(Encoder encoder, SpecialTokens special, int maxSeqLen) {
        this.encoder = encoder;
        this.special = special;
        this.maxSeqLen = maxSeqLen;
    }

    public Explanation explain(TokenizedText question, TokenizedText sentence, int topWords) {
        // A sentence longer than the window is explained on its first window.
        TokenizedText answer = sentence.slice(0, Math.min(sentence.size(), maxSeqLen - 3 - question.size()));
        int q = question.size();
        int a = answer.size();
        var input = EncoderBatch.of(List.of(question.ids()), List.of(answer.ids()), special);
        EncoderOutput out = encoder.run(input, EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION));
        int lastLayer = encoder.config().numLayers() - 1;
        float[][] attention = out.meanAttention(lastLayer, 0); // [seq, seq]
        int answerFrom = q + 2; // after [CLS] question [SEP]
        double[] contextWeights = a == 0 ? new double[0] : TokenAttention.received(attention, 1, 1 + q, answerFrom, answerFrom + a);
        double[] questionWeights = a == 0 ? new double[q] : TokenAttention.received(attention, answerFrom, answerFrom + a, 1, 1 + q);
        List<WordWeight> questionWords = words(question, questionWeights);
        List<WordWeight> contextWords = WordAggregator.top(words(answer, contextWeights), topWords);
        return new Explanation(METHOD, List.of(lastLayer), questionWords, contextWords);
    }

    private static List<WordWeight> words(TokenizedText t, double[] weights) {
        return WordAggregator.words(t.text(), t.wordIds(), t.starts(), t.ends(), weights);
    }
}
