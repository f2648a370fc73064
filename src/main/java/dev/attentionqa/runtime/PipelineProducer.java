package dev.attentionqa.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.batching.BatchBounds;
import dev.attentionqa.batching.EncoderQueue;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.messaging.AnswerEvent;
import dev.attentionqa.messaging.Answering;
import dev.attentionqa.messaging.RequestLimits;
import dev.attentionqa.messaging.RequestOptions;
import dev.attentionqa.messaging.RequestParser;
import dev.attentionqa.qa.EmbeddingCosineScorer;
import dev.attentionqa.qa.SentenceEmbedder;
import dev.attentionqa.qa.SentenceExplainer;
import dev.attentionqa.qa.QaPipeline;
import dev.attentionqa.qa.SentencePipeline;
import dev.attentionqa.qa.SpanOptions;
import dev.attentionqa.qa.SpanPipeline;
import dev.attentionqa.qa.SentenceScorer;
import dev.attentionqa.qa.TokenMatchScorer;
import dev.attentionqa.qa.TokenStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

/** Builds the framework-free pipeline objects from configuration and the loaded model. */
@ApplicationScoped
public class PipelineProducer {

    /** Every pipeline encodes through this queue: requests answered together share model batches. */
    @Produces
    @ApplicationScoped
    EncoderQueue encoderQueue(ModelRuntime model, WorkerConfig config) {
        var b = config.batching();
        return new EncoderQueue(model.encoder(), new BatchBounds(b.tokenBudget(), config.engine().maxBatchSize(),
                b.padMultiple(), b.maxDelay()));
    }

    void closeQueue(@Disposes EncoderQueue queue) {
        queue.close();
    }

    @Produces
    @ApplicationScoped
    @Typed(SentencePipeline.class) // the QaPipeline the worker uses is chosen below
    SentencePipeline sentencePipeline(ModelRuntime model, EncoderQueue encoder, WorkerConfig config) {
        var windows = config.windows();
        var special = model.tokenizer().specialTokens();
        int batch = config.engine().maxBatchSize();
        SentenceScorer scorer = config.answers().scoring().equals("token-match")
                ? new TokenMatchScorer(new TokenStates(encoder, special, windows.maxSeqLen(), windows.docStride(), batch))
                : new EmbeddingCosineScorer(new SentenceEmbedder(encoder, special, windows.maxSeqLen(),
                        windows.docStride(), batch));
        var explainer = new SentenceExplainer(encoder, special, windows.maxSeqLen(), config.explain().layer());
        return new SentencePipeline(model.tokenizer(), scorer, explainer, windows.maxQuestionLen(),
                config.answers().idfWeight());
    }

    /** Span mode when the model has a QA head (start/end logits), sentence mode otherwise. */
    @Produces
    @ApplicationScoped
    QaPipeline qaPipeline(ModelRuntime model, EncoderQueue encoder, WorkerConfig config, SentencePipeline sentences) {
        if (!model.encoder().config().hasQaHead()) {
            return sentences;
        }
        var w = config.windows();
        var span = new SpanPipeline(model.tokenizer(), encoder, w.maxSeqLen(), w.docStride(), w.maxQuestionLen(),
                config.engine().maxBatchSize());
        return (question, context, topK, topWords, method) ->
                span.answer(question, context, SpanOptions.defaults().withTopK(topK), topWords, method);
    }

    @Produces
    @ApplicationScoped
    RequestParser requestParser(WorkerConfig config) {
        var l = config.limits();
        var limits = new RequestLimits(l.maxValueBytes(), l.maxIdChars(), l.maxQuestionChars(), l.maxContextChars(),
                l.maxTopK(), l.maxTopWords(), WorkerConfig.EXPLANATIONS);
        var e = config.explain();
        return new RequestParser(limits, new RequestOptions(config.answers().topK(), e.enabled(), e.method(), e.topWords()));
    }

    @Produces
    @ApplicationScoped
    Answering answering(RequestParser parser, QaPipeline pipeline, ModelRuntime model, ObjectMapper json) {
        var ref = new AnswerEvent.ModelRef(model.info().name(), model.info().revision());
        return new Answering(parser, pipeline, ref, json);
    }
}
