package dev.attentionqa.qa;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.tokenize.WordPieceTokenizer;

/**
 * The worker's two pipelines over the shipped models, built as {@code PipelineProducer} builds them with the default
 * settings (windows of 384 with stride 128, questions cut at 64 tokens, batches of 32), for plain unit tests: no
 * Quarkus and no broker, so that mutation testing runs them. Closing it closes both encoders and tokenizers.
 */
public final class RealPipelines implements AutoCloseable {

    public static final int MAX_SEQ_LEN = 384;
    public static final int DOC_STRIDE = 128;
    public static final int MAX_QUESTION_LEN = 64;
    public static final int MAX_BATCH = 32;

    private final Encoder sentenceEncoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults());
    private final Encoder spanEncoder = Encoder.create(DefaultModel.loadSpan(), EngineOptions.defaults());
    private final WordPieceTokenizer sentenceTokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
    private final WordPieceTokenizer spanTokenizer =
            WordPieceTokenizer.fromClasspath(DefaultModel.SPAN_RESOURCE + "tokenizer.json");

    /** Sentence mode with the default scorer (token match) or {@code "embedding"}, rollout explanations. */
    public SentencePipeline sentence(String scoring, double idfWeight) {
        var special = sentenceTokenizer.specialTokens();
        SentenceScorer scorer = scoring.equals("token-match")
                ? new TokenMatchScorer(new TokenStates(sentenceEncoder, special, MAX_SEQ_LEN, DOC_STRIDE, MAX_BATCH))
                : new EmbeddingCosineScorer(new SentenceEmbedder(sentenceEncoder, special, MAX_SEQ_LEN, DOC_STRIDE,
                        MAX_BATCH));
        return new SentencePipeline(sentenceTokenizer, scorer, new SentenceExplainer(sentenceEncoder, special, MAX_SEQ_LEN),
                MAX_QUESTION_LEN, idfWeight);
    }

    /** Span mode over the shipped span model. */
    public SpanPipeline span() {
        return new SpanPipeline(spanTokenizer, spanEncoder, MAX_SEQ_LEN, DOC_STRIDE, MAX_QUESTION_LEN, MAX_BATCH);
    }

    @Override
    public void close() {
        sentenceEncoder.close();
        spanEncoder.close();
        sentenceTokenizer.close();
        spanTokenizer.close();
    }
}
