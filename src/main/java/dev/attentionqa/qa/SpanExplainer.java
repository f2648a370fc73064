package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordAggregator;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;

import java.util.Arrays;
import java.util.List;

/**
 * Explains a span answer from the window that holds it: the rows of the answer's tokens (averaged) of the method's
 * matrix, or the integrated-gradients attribution of each token to the answer's score, give the weights of the
 * question's tokens and of the window's other context tokens (the answer's own words are left out: with the residual
 * term of rollout and grad-attention they would outweigh everything else).
 */
final class SpanExplainer {

    private final ExplanationPass pass;
    private final SpecialTokens special;

    SpanExplainer(BatchEncoder encoder, SpecialTokens special, int attentionLayer) {
        this.pass = new ExplanationPass(encoder, attentionLayer);
        this.special = special;
    }

    /** Every question word and the {@code topWords} heaviest context words; null for an empty ("no answer") answer. */
    Explanation explain(TokenizedText question, TokenizedText context, List<SpanWindow> windows, Answer answer,
                        int topWords, ExplanationMethod method) {
        int[] tokens = answerTokens(context, answer);
        if (tokens == null) {
            return null;
        }
        SpanWindow w = windowHolding(windows, tokens);
        int until = Math.min(tokens[1], w.to());
        EncoderInput input = SpanFeatures.batch(question, context, List.of(w), special);
        int seq = input.seqLength();
        boolean[] allowed = w.contextMask(seq);
        allowed[0] = true; // HF's softmax keeps [CLS]
        boolean[] words = w.contextMask(seq); // the positions integrated gradients start from [PAD]
        int q = question.size();
        for (int p = 1; p <= q; p++) {
            words[p] = true;
        }
        ExplanationPass.Relevance relevance = pass.span(input, w.contextOffset() + tokens[0] - w.from(),
                w.contextOffset() + until - w.from(), allowed, words, special.pad(), method);
        double[] questionWeights = Arrays.copyOfRange(relevance.weights(), 1, 1 + q);
        double[] contextWeights = Arrays.copyOfRange(relevance.weights(), w.contextOffset(),
                w.contextOffset() + w.contextLength());
        for (int t = tokens[0]; t < until; t++) {
            contextWeights[t - w.from()] = 0; // the answer explains nothing about itself
        }
        TokenizedText shown = context.slice(w.from(), w.to());
        List<WordWeight> contextWords = WordAggregator.words(shown.text(), shown.wordIds(), shown.starts(), shown.ends(),
                contextWeights).stream().filter(word -> word.end() <= answer.start() || word.start() >= answer.end()).toList();
        List<WordWeight> questionWords = WordAggregator.words(question.text(), question.wordIds(), question.starts(),
                question.ends(), questionWeights);
        return new Explanation(method.id(), relevance.layers(), questionWords, WordAggregator.top(contextWords, topWords));
    }

    /** The {@code [from, to)} context tokens that overlap the answer's characters, or null if none do. */
    static int[] answerTokens(TokenizedText context, Answer answer) {
        int from = -1;
        int to = -1;
        for (int t = 0; t < context.size(); t++) {
            if (context.ends()[t] > answer.start() && context.starts()[t] < answer.end()) {
                from = from < 0 ? t : from;
                to = t + 1;
            }
        }
        return from < 0 ? null : new int[] {from, to};
    }

    /** The first window holding all the tokens, else the first holding the first token. */
    private static SpanWindow windowHolding(List<SpanWindow> windows, int[] tokens) {
        return windows.stream().filter(w -> w.from() <= tokens[0] && w.to() >= tokens[1]).findFirst()
                .orElseGet(() -> windows.stream().filter(w -> w.from() <= tokens[0] && w.to() > tokens[0]).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no window holds answer token " + tokens[0]
                                + " (got " + windows + ")")));
    }
}
