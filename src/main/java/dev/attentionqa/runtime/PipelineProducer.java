package dev.attentionqa.runtime;

import dev.attentionqa.qa.Abstention;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.batching.BatchBounds;
import dev.attentionqa.batching.EncoderQueue;
import dev.attentionqa.batching.EncoderQueues;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.messaging.AnswerEvent;
import dev.attentionqa.messaging.Answering;
import dev.attentionqa.messaging.ContextTokenLimit;
import dev.attentionqa.messaging.RequestLimits;
import dev.attentionqa.messaging.RequestOptions;
import dev.attentionqa.messaging.RequestParser;
import dev.attentionqa.qa.EmbeddingCosineScorer;
import dev.attentionqa.qa.SentenceEmbedder;
import dev.attentionqa.qa.SentenceExplainer;
import dev.attentionqa.qa.QaPipeline;
import dev.attentionqa.qa.SentencePipeline;
import dev.attentionqa.qa.SpanPipeline;
import dev.attentionqa.qa.SentenceScorer;
import dev.attentionqa.qa.TokenMatchScorer;
import dev.attentionqa.qa.TokenStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/** Builds the framework-free pipeline objects from configuration and the loaded models. */
@ApplicationScoped
public class PipelineProducer {

    /** One queue per model: requests answered together share model batches. */
    @Produces
    @ApplicationScoped
    EncoderQueues encoderQueues(ModelRuntime models, WorkerConfig config) {
        var b = config.batching();
        var bounds = new BatchBounds(b.tokenBudget(), config.engine().maxBatchSize(), b.padMultiple(), b.maxDelay());
        Map<String, EncoderQueue> queues = new LinkedHashMap<>();
        models.modes().forEach(mode -> queues.put(mode, new EncoderQueue(models.model(mode).encoder(), bounds)));
        return new EncoderQueues(queues);
    }

    void closeQueues(@Disposes EncoderQueues queues) {
        queues.close();
    }

    /** Sentence mode: the sentence holding the answer, over the embedding model. */
    @Produces
    @ApplicationScoped
    @Typed(SentencePipeline.class) // the QaPipeline bean is the default mode's, below
    SentencePipeline sentencePipeline(ModelRuntime models, EncoderQueues queues, WorkerConfig config) {
        EncoderQueue encoder = queues.get(ModelRuntime.SENTENCE);
        var windows = config.windows();
        var special = models.model(ModelRuntime.SENTENCE).tokenizer().specialTokens();
        int batch = config.engine().maxBatchSize();
        SentenceScorer scorer = config.answers().scoring().equals("token-match")
                ? new TokenMatchScorer(new TokenStates(encoder, special, windows.maxSeqLen(), windows.docStride(), batch))
                : new EmbeddingCosineScorer(new SentenceEmbedder(encoder, special, windows.maxSeqLen(),
                        windows.docStride(), batch));
        var explainer = new SentenceExplainer(encoder, special, windows.maxSeqLen(), config.explain().layer());
        return new SentencePipeline(models.model(ModelRuntime.SENTENCE).tokenizer(), scorer, explainer,
                windows.maxQuestionLen(), config.answers().idfWeight());
    }

    /** Every mode's pipeline, by mode: span mode over the span model when there is one. */
    @Produces
    @Singleton // a record cannot take a client proxy
    ModePipelines pipelines(ModelRuntime models, EncoderQueues queues, WorkerConfig config, SentencePipeline sentences) {
        Map<String, QaPipeline> pipelines = new LinkedHashMap<>();
        pipelines.put(ModelRuntime.SENTENCE, sentences);
        if (models.modes().contains(ModelRuntime.SPAN)) {
            var w = config.windows();
            var span = new SpanPipeline(models.model(ModelRuntime.SPAN).tokenizer(), queues.get(ModelRuntime.SPAN),
                    w.maxSeqLen(), w.docStride(), w.maxQuestionLen(), config.engine().maxBatchSize(),
                    config.explain().layer(), config.explain().integratedGradientSteps());
            pipelines.put(ModelRuntime.SPAN, span);
        }
        return new ModePipelines(pipelines);
    }

    /** The deployment's default mode ({@code qa.answers.mode}), for commands that answer without a request. */
    @Produces
    @ApplicationScoped
    QaPipeline qaPipeline(ModelRuntime models, ModePipelines pipelines) {
        return pipelines.byMode().get(models.defaultMode());
    }

    @Produces
    @ApplicationScoped
    RequestParser requestParser(WorkerConfig config, ModelRuntime models) {
        var l = config.limits();
        var limits = new RequestLimits(l.maxValueBytes(), l.maxIdChars(), l.maxQuestionChars(), l.maxContextChars(),
                l.maxTopK(), l.maxTopWords(), WorkerConfig.EXPLANATIONS, Set.copyOf(models.modes()));
        var e = config.explain();
        return new RequestParser(limits, new RequestOptions(config.answers().topK(), e.enabled(), e.method(),
                e.topWords(), models.defaultMode(), e.allWords(), config.answers().abstain()), e.sentenceMethod());
    }

    @Produces
    @ApplicationScoped
    Answering answering(RequestParser parser, ModelRuntime models, ModePipelines pipelines, ObjectMapper json,
                        WorkerConfig config) {
        Map<String, AnswerEvent.ModelRef> refs = new LinkedHashMap<>();
        models.modes().forEach(mode -> refs.put(mode, new AnswerEvent.ModelRef(models.model(mode).info().name(),
                models.model(mode).info().revision())));
        Map<String, ToIntFunction<String>> counters = new LinkedHashMap<>();
        models.modes().forEach(mode -> counters.put(mode, text -> models.model(mode).tokenizer().tokenize(text).size()));
        int maxTokens = config.limits().maxContextTokens()
                .orElse(ContextTokenLimit.defaultFor(config.limits().maxContextChars()));
        return new Answering(parser, pipelines.byMode(), refs, json, new ContextTokenLimit(maxTokens, counters),
                new Abstention(config.answers().noAnswerMargin()));
    }
}
