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

    SpanExplainer(BatchEncoder encoder, SpecialTokens special, int attentionLayer, int integratedGradientSteps) {
        this.pass = new ExplanationPass(encoder, attentionLayer, integratedGradientSteps);
        this.special = special;
    }

    /** Steps integrated gradients take. */
    int integratedGradientSteps() {
        return pass.integratedGradientSteps();
    }

    /**
     * The grad-attention matrix of the first window from the answer's own run, for the span the graph decoded
     * (positions {@code first … last}): used when the answer is that span, saving the explanation's pass.
     */
    record AnswerRun(float[][] gradAttention, int first, int last) {
    }

    /** Where the span softmax keeps the logits: the window's context and [CLS], as HF's postprocess. */
    static boolean[] softmaxMask(SpanWindow w, int seq) {
        boolean[] allowed = w.contextMask(seq);
        allowed[0] = true;
        return allowed;
    }

    /** Every question word and the {@code topWords} heaviest context words; null for an empty ("no answer") answer. */
    Explanation explain(TokenizedText question, TokenizedText context, List<SpanWindow> windows, Answer answer,
                        int topWords, ExplanationMethod method) {
        return explain(question, context, windows, answer, topWords, method, null);
    }

    /** As above, reading grad-attention from {@code run} when it explains this answer's span (null: one more pass). */
    Explanation explain(TokenizedText question, TokenizedText context, List<SpanWindow> windows, Answer answer,
                        int topWords, ExplanationMethod method, AnswerRun run) {
        int[] tokens = answerTokens(context, answer);
        if (tokens == null) {
            return null;
        }
        SpanWindow w = windowHolding(windows, tokens);
        int until = Math.min(tokens[1], w.to());
        EncoderInput input = SpanFeatures.batch(question, context, List.of(w), special);
        int seq = input.seqLength();
        boolean[] allowed = softmaxMask(w, seq);
        boolean[] words = w.contextMask(seq); // the positions integrated gradients start from [PAD]
        int q = question.size();
        for (int p = 1; p <= q; p++) {
            words[p] = true;
        }
        int from = w.contextOffset() + tokens[0] - w.from();
        int last = w.contextOffset() + until - 1 - w.from();
        boolean reuse = run != null && method == ExplanationMethod.GRAD_ATTENTION && w == windows.get(0)
                && run.first() == from && run.last() == last && run.gradAttention().length == seq;
        ExplanationPass.Relevance relevance = reuse
                ? pass.fromMatrix(run.gradAttention(), from, last + 1)
                : pass.span(input, from, last + 1, allowed, words, special.pad(), method);
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
