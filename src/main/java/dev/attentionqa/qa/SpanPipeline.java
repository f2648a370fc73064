package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationBudget;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.SpanTargets;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Span mode for models with a {@code qa_outputs} head, as HF's {@code QuestionAnsweringPipeline}: preprocess
 * into windows ({@link SpanFeatures}), run the encoder's start/end logits in batches, decode each window
 * ({@link SpanDecoder}), then offsets, no-answer and merge ({@link SpanAnswers}).
 */
public final class SpanPipeline implements QaPipeline {

    public static final String MODE = "span";
    private static final Set<EncoderOutput.Kind> LOGITS = EnumSet.of(EncoderOutput.Kind.QA_LOGITS);
    /** The answer and its grad-attention explanation in one run: logits, the span decoded in the graph, its relevance. */
    private static final Set<EncoderOutput.Kind> LOGITS_AND_GRAD = EnumSet.of(EncoderOutput.Kind.QA_LOGITS,
            EncoderOutput.Kind.DECODED_SPAN, EncoderOutput.Kind.GRAD_ATTENTION);

    private static final SentenceSplitter SENTENCES = new SentenceSplitter();

    private final WordPieceTokenizer tokenizer;
    private final BatchEncoder encoder;
    private final SpanFeatures features;
    private final int maxBatchSize;
    private final SpanExplainer explainer;

    /** HF's defaults are maxSeqLen 384, docStride 128, maxQuestionLen 64; windows run {@code maxBatchSize} at a time. */
    public SpanPipeline(WordPieceTokenizer tokenizer, BatchEncoder encoder, int maxSeqLen, int docStride, int maxQuestionLen,
                        int maxBatchSize) {
        this(tokenizer, encoder, maxSeqLen, docStride, maxQuestionLen, maxBatchSize, -1);
    }

    /** As above; the {@code attention} explanation reads layer {@code attentionLayer} (negative: from the end). */
    public SpanPipeline(WordPieceTokenizer tokenizer, BatchEncoder encoder, int maxSeqLen, int docStride, int maxQuestionLen,
                        int maxBatchSize, int attentionLayer) {
        this(tokenizer, encoder, maxSeqLen, docStride, maxQuestionLen, maxBatchSize, attentionLayer,
                ExplanationPass.DEFAULT_IG_STEPS);
    }

    /** As above; {@code integrated-gradients} cuts its path integral into {@code integratedGradientSteps} steps. */
    public SpanPipeline(WordPieceTokenizer tokenizer, BatchEncoder encoder, int maxSeqLen, int docStride, int maxQuestionLen,
                        int maxBatchSize, int attentionLayer, int integratedGradientSteps) {
        if (!encoder.config().hasQaHead()) {
            throw new IllegalArgumentException("span mode needs a model with a qa_outputs head (got "
                    + encoder.info().name() + " without one)");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be ≥ 1 (got " + maxBatchSize + ")");
        }
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.features = new SpanFeatures(maxSeqLen, docStride, maxQuestionLen,
                tokenizer.specialTokens().doubleSeparator());
        this.maxBatchSize = maxBatchSize;
        this.explainer = new SpanExplainer(encoder, tokenizer.specialTokens(), attentionLayer, integratedGradientSteps);
    }

    /** The best {@code topK} spans with HF's other defaults (max_answer_len 15, no "" answer, whole words). */
    public QaResult answer(String question, String context, int topK) {
        return answer(question, context, SpanOptions.defaults().withTopK(topK));
    }

    @Override
    public QaResult answer(String question, String context, int topK, int topWords, ExplanationMethod method) {
        return answer(question, context, SpanOptions.defaults().withTopK(topK), topWords, method);
    }

    /** Answers one question without an explanation; answers are best first, each {@code text == context.substring(start, end)}. */
    public QaResult answer(String question, String context, SpanOptions options) {
        return answer(question, context, options, 0, ExplanationMethod.ROLLOUT);
    }

    /**
     * Answers one question and explains the best answer with {@code method} in one more pass over its window;
     * {@code topWords} ≤ 0 means no explanation (nor for an empty "no answer" answer).
     */
    public QaResult answer(String question, String context, SpanOptions options, int topWords, ExplanationMethod method) {
        long started = System.nanoTime();
        if (SENTENCES.split(context).isEmpty()) { // the contract of both modes: a context holds a sentence
            throw new NoSentenceException(context);
        }
        TokenizedText q = features.question(NoTokensException.require(tokenizer.tokenize(question), "question", question));
        TokenizedText c = NoTokensException.require(tokenizer.tokenize(context), "context", context);
        List<SpanWindow> windows = features.windows(q.size(), c.size());
        SpanDecoder decoder = new SpanDecoder(options.topK(), options.maxAnswerLen());
        // One window explained by grad-attention: the graph decodes the best span and takes its gradient in the
        // answer's own run; used when the Java decode agrees (else, as for every other case, one more pass).
        boolean together = topWords > 0 && method == ExplanationMethod.GRAD_ATTENTION && windows.size() == 1
                && options.maxAnswerLen() == SpanTargets.MAX_ANSWER_LENGTH;
        SpanExplainer.AnswerRun run = null;
        List<WindowSpans> decoded;
        if (together) {
            EncoderInput in = SpanFeatures.batch(q, c, windows, tokenizer.specialTokens());
            boolean[][] allowed = {SpanExplainer.softmaxMask(windows.get(0), in.seqLength())};
            EncoderOutput out = encoder.run(in.withTargets(SpanTargets.decoded(allowed)), LOGITS_AND_GRAD);
            decoded = List.of(decoder.decode(out.startLogits(0), out.endLogits(0), windows.get(0).contextMask(out.seqLength())));
            int[] span = out.decodedSpan(0);
            run = new SpanExplainer.AnswerRun(out.gradAttention(0), span[0], span[1]);
        } else {
            decoded = forward(q, c, windows, decoder);
        }
        List<Answer> answers = SpanAnswers.of(windows, decoded, new AnswerOffsets(c, options.alignToWords()), options);
        Explanation explanation = topWords > 0 && !answers.isEmpty()
                ? explainer.explain(q, c, windows, answers.get(0), topWords, method, run) : null;
        if (explanation != null) {
            explanation = ExplanationBudget.fit(explanation, ExplanationBudget.DEFAULT_MAX_BYTES);
        }
        return new QaResult(MODE, answers, explanation, (System.nanoTime() - started) / 1_000_000,
                NoAnswer.of(decoded).score());
    }

    /** The tokens of every window the context needs after this question (the answer pass; explaining adds one window). */
    @Override
    public long modelTokens(String question, String context) {
        int q = features.question(tokenizer.tokenize(question)).size();
        int c = tokenizer.tokenize(context).size();
        return q == 0 || c == 0 ? 0
                : features.windows(q, c).stream().mapToLong(SpanWindow::sequenceLength).sum();
    }

    /**
     * One window (the longest, as the answer's is not known yet) per explanation pass: one for attention and rollout,
     * {@link #BACKWARD_COST} for grad-attention, that many per step for integrated gradients.
     */
    @Override
    public long explanationTokens(String question, String context, ExplanationMethod method) {
        int q = features.question(tokenizer.tokenize(question)).size();
        int c = tokenizer.tokenize(context).size();
        if (q == 0 || c == 0) {
            return 0;
        }
        long window = features.windows(q, c).stream().mapToLong(SpanWindow::sequenceLength).max().orElse(0);
        return window * switch (method) {
            case ATTENTION, ROLLOUT -> 1;
            case GRAD_ATTENTION -> BACKWARD_COST;
            case INTEGRATED_GRADIENTS -> (long) BACKWARD_COST * explainer.integratedGradientSteps();
        };
    }

    /**
     * Every context word of the window holding {@code answer}, heaviest first by {@code method}, with no size budget
     * (faithfulness measures rank all of them); null for an empty answer.
     */
    public Explanation explainAll(String question, String context, Answer answer, ExplanationMethod method) {
        TokenizedText q = features.question(NoTokensException.require(tokenizer.tokenize(question), "question", question));
        TokenizedText c = NoTokensException.require(tokenizer.tokenize(context), "context", context);
        return explainer.explain(q, c, features.windows(q.size(), c.size()), answer, Integer.MAX_VALUE, method);
    }

    /**
     * The model's probability p_start·p_end for the tokens covering characters {@code [start, end)} of the context,
     * the best over the windows that hold them all (0 when none does): ERASER's m(x) for a span answer.
     */
    public double spanProbability(String question, String context, int start, int end) {
        TokenizedText q = features.question(NoTokensException.require(tokenizer.tokenize(question), "question", question));
        TokenizedText c = NoTokensException.require(tokenizer.tokenize(context), "context", context);
        int[] tokens = SpanExplainer.answerTokens(c, new Answer(context.substring(start, end), 0, start, end));
        if (tokens == null) {
            return 0;
        }
        List<SpanWindow> holding = features.windows(q.size(), c.size()).stream()
                .filter(w -> w.from() <= tokens[0] && w.to() >= tokens[1]).toList();
        double best = 0;
        for (int from = 0; from < holding.size(); from += maxBatchSize) {
            List<SpanWindow> batch = holding.subList(from, Math.min(holding.size(), from + maxBatchSize));
            EncoderOutput out = encoder.run(SpanFeatures.batch(q, c, batch, tokenizer.specialTokens()), LOGITS);
            for (int b = 0; b < batch.size(); b++) {
                SpanWindow w = batch.get(b);
                boolean[] mask = w.contextMask(out.seqLength());
                double[] pStart = SpanDecoder.softmax(out.startLogits(b), mask);
                double[] pEnd = SpanDecoder.softmax(out.endLogits(b), mask);
                int first = w.contextOffset() + tokens[0] - w.from();
                int last = w.contextOffset() + tokens[1] - 1 - w.from();
                best = Math.max(best, pStart[first] * pEnd[last]);
            }
        }
        return best;
    }

    /** Runs the windows through the encoder {@code maxBatchSize} at a time and decodes each one. */
    private List<WindowSpans> forward(TokenizedText q, TokenizedText c, List<SpanWindow> windows, SpanDecoder decoder) {
        List<WindowSpans> decoded = new ArrayList<>(windows.size());
        for (int from = 0; from < windows.size(); from += maxBatchSize) {
            List<SpanWindow> batch = windows.subList(from, Math.min(windows.size(), from + maxBatchSize));
            EncoderOutput out = encoder.run(SpanFeatures.batch(q, c, batch, tokenizer.specialTokens()), LOGITS);
            for (int b = 0; b < batch.size(); b++) {
                boolean[] mask = batch.get(b).contextMask(out.seqLength());
                decoded.add(decoder.decode(out.startLogits(b), out.endLogits(b), mask));
            }
        }
        return decoded;
    }
}
