package dev.attentionqa.qa;

import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.ForwardingEncoder;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.RandomBertDirectory;
import dev.attentionqa.model.SpanTargets;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * End to end on a random-weight BertForQuestionAnswering written as config.json + model.safetensors: the pipeline's
 * answers equal a plain-Java decode of the encoder's own logits over a context of many windows.
 */
class SpanPipelineTest {

    private static final int MAX_SEQ_LEN = 128;
    private static final int DOC_STRIDE = 32;
    private static final int MAX_QUESTION_LEN = 16;
    private static final String QUESTION = "What limits parallelization in recurrent networks?";
    private static final String CONTEXT = SeedData.essay() + "\nCafé naïve «Ünïcode» 東京タワー 🎉 façade — déjà vu.";

    @TempDir
    static Path directory;

    private static LoadedModel model;
    private static Encoder encoder;
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void writeAndLoadRandomModel() throws Exception {
        model = HfModelDirectory.load(RandomBertDirectory.write(directory, 7, 1.0));
        encoder = Encoder.create(model, EngineOptions.defaults());
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
    }

    @AfterAll
    static void close() {
        encoder.close();
        tokenizer.close();
    }

    @Test
    void answersEqualAPlainJavaDecodeOfTheEncodersLogits() {
        // the reference runs each window alone, unpadded; with 4 windows a batch, the last window of a batch is
        // shorter and padded, which must change neither the answers nor (beyond float noise) their scores
        for (boolean impossible : new boolean[] {false, true}) {
            List<Answer> expected = reference(5, impossible);
            List<Answer> alone = pipeline(1).answer(QUESTION, CONTEXT, new SpanOptions(5, 15, impossible, true)).answers();
            assertThat(alone).hasSize(5).isEqualTo(expected);
            List<Answer> padded = pipeline(4).answer(QUESTION, CONTEXT, new SpanOptions(5, 15, impossible, true)).answers();
            assertThat(padded).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(List.of(padded.get(i).text(), padded.get(i).start(), padded.get(i).end()))
                        .isEqualTo(List.of(expected.get(i).text(), expected.get(i).start(), expected.get(i).end()));
                assertThat(padded.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-4 * expected.get(i).score()));
            }
        }
    }

    /**
     * Where HF's order (top k cells of the whole matrix, then the context filter) and the pipeline's (context spans
     * only, then top k) part: a k larger than the context has spans. HF fills its k with zero-score cells (here the
     * CLS cell, an empty answer at 0–0); the pipeline returns only the context's spans, the same ones in the same order.
     */
    @Test
    void aTopKBeyondTheContextsSpansReturnsOnlyRealSpans() {
        String tiny = "Paris is big.";
        List<Answer> hf = reference(tiny, 20, false);
        List<Answer> ours = pipeline(1).answer(QUESTION, tiny, new SpanOptions(20, 15, false, true)).answers();
        assertThat(ours).hasSize(10) // 4 tokens: 4 + 3 + 2 + 1 spans
                .isEqualTo(hf.stream().filter(a -> a.score() > 0).toList());
        assertThat(hf).hasSizeGreaterThan(ours.size()).filteredOn(a -> a.score() == 0)
                .contains(new Answer("", 0.0, 0, 0));
    }

    @Test
    void batchingWindowsDoesNotChangeTheAnswers() {
        List<Answer> one = pipeline(1).answer(QUESTION, CONTEXT, 3).answers();
        List<Answer> four = pipeline(4).answer(QUESTION, CONTEXT, 3).answers();
        assertThat(four).extracting(Answer::text).isEqualTo(one.stream().map(Answer::text).toList());
        for (int i = 0; i < one.size(); i++) {
            assertThat(four.get(i).start()).isEqualTo(one.get(i).start());
            assertThat(four.get(i).score()).isCloseTo(one.get(i).score(), within(1e-4 * one.get(i).score()));
        }
    }

    @Test
    void spanProbabilityOfAnAnswerIsItsScore() {
        // faithfulness reads m(x) through spanProbability: it must be the score the answer was chosen by, over the
        // several windows of this context (the best of those that hold the span)
        List<Answer> answers = pipeline(4).answer(QUESTION, CONTEXT, new SpanOptions(5, 15, false, false)).answers();
        assertThat(answers).hasSize(5);
        for (Answer a : answers) {
            assertThat(pipeline(1).spanProbability(QUESTION, CONTEXT, a.start(), a.end()))
                    .as("p_start·p_end of \"%s\"", a.text()).isCloseTo(a.score(), within(1e-4 * a.score()));
        }
    }

    @Test
    void everyAnswerIsTheContextSubstringOfItsOffsets() {
        QaResult result = pipeline(4).answer("Which city?", CONTEXT, new SpanOptions(20, 15, true, true));
        assertThat(result.mode()).isEqualTo(SpanPipeline.MODE);
        assertThat(result.answers()).hasSize(20)
                .allMatch(a -> a.text().equals(CONTEXT.substring(a.start(), a.end())))
                .isSortedAccordingTo(java.util.Comparator.comparingDouble(Answer::score).reversed());
        assertThat(result.answers().stream().map(a -> List.of(a.start(), a.end())).distinct()).hasSize(20);
    }

    @Test
    void modelTokensCountTheTokensTheAnswerPassRuns() {
        // the micro-batch budget is spent by this estimate: it must be what the encoder is then given, unpadded
        long[] ran = new long[1];
        BatchEncoder counting = new CountingEncoder(encoder, ran);
        SpanPipeline pipeline = new SpanPipeline(tokenizer, counting, MAX_SEQ_LEN, DOC_STRIDE, MAX_QUESTION_LEN, 4);
        for (String context : List.of("Attention helps models focus.", CONTEXT)) {
            ran[0] = 0;
            pipeline.answer(QUESTION, context, 1);
            assertThat(pipeline.modelTokens(QUESTION, context)).as("context of %d chars", context.length())
                    .isEqualTo(ran[0]);
        }
        assertThat(pipeline.modelTokens(QUESTION, CONTEXT)).as("several windows")
                .isGreaterThan(2L * MAX_SEQ_LEN);
        assertThat(pipeline.modelTokens("\u200b", CONTEXT)).as("a question without tokens is refused: no work").isZero();
    }

    @Test
    void explanationTokensCountTheExplainedWindowPerPass() {
        long[] ran = new long[1];
        BatchEncoder counting = new CountingEncoder(encoder, ran);
        SpanPipeline pipeline = new SpanPipeline(tokenizer, counting, MAX_SEQ_LEN, DOC_STRIDE, MAX_QUESTION_LEN, 4, -1, 8);
        String context = "Attention helps models focus. The transformer was proposed in 2017.";
        pipeline.answer(QUESTION, context, SpanOptions.defaults(), 10, ExplanationMethod.ROLLOUT);
        long rollout = pipeline.explanationTokens(QUESTION, context, ExplanationMethod.ROLLOUT);
        assertThat(ran[0]).as("one window answered, the same window explained")
                .isEqualTo(pipeline.modelTokens(QUESTION, context) + rollout);
        assertThat(pipeline.explanationTokens(QUESTION, context, ExplanationMethod.GRAD_ATTENTION))
                .isEqualTo(QaPipeline.BACKWARD_COST * rollout);
        assertThat(pipeline.explanationTokens(QUESTION, context, ExplanationMethod.INTEGRATED_GRADIENTS))
                .as("a forward and backward pass per step").isEqualTo(8L * QaPipeline.BACKWARD_COST * rollout);
        assertThat(pipeline.explanationTokens("\u200b", context, ExplanationMethod.ROLLOUT)).isZero();
    }

    @Test
    void refusesAModelWithoutQaHead() {
        try (Encoder plain = Encoder.create(model.weights(), model.config().withQaHead(false), EngineOptions.defaults())) {
            assertThatThrownBy(() -> new SpanPipeline(tokenizer, plain, 384, 128, 64, 8))
                    .hasMessage("span mode needs a model with a qa_outputs head (got unnamed without one)");
        }
    }

    private static SpanPipeline pipeline(int maxBatchSize) {
        return new SpanPipeline(tokenizer, encoder, MAX_SEQ_LEN, DOC_STRIDE, MAX_QUESTION_LEN, maxBatchSize);
    }

    private static List<Answer> reference(int topK, boolean impossible) {
        return reference(CONTEXT, topK, impossible);
    }

    private static List<Answer> reference(String context, int topK, boolean impossible) {
        TokenizedText q = tokenizer.tokenize(QUESTION);
        q = q.slice(0, Math.min(q.size(), MAX_QUESTION_LEN));
        return ReferenceSpanDecode.answers(encoder, tokenizer.specialTokens(), q, tokenizer.tokenize(context),
                MAX_SEQ_LEN, DOC_STRIDE, topK, impossible);
    }

    @Test
    void theGraphDecodesTheSpanTheJavaDecoderPicks() {
        SpanFeatures features = new SpanFeatures(MAX_SEQ_LEN, DOC_STRIDE, MAX_QUESTION_LEN);
        TokenizedText q = features.question(tokenizer.tokenize(QUESTION));
        for (String line : SeedData.essay().split("\n")) {
            TokenizedText c = tokenizer.tokenize(line);
            if (c.size() == 0) {
                continue;
            }
            SpanWindow w = features.windows(q.size(), c.size()).get(0);
            EncoderInput in = SpanFeatures.batch(q, c, List.of(w), tokenizer.specialTokens());
            EncoderOutput out = encoder.run(in.withTargets(SpanTargets.decoded(
                    new boolean[][] {SpanExplainer.softmaxMask(w, in.seqLength())})),
                    EnumSet.of(EncoderOutput.Kind.QA_LOGITS, EncoderOutput.Kind.DECODED_SPAN));
            TokenSpan best = new SpanDecoder(1, SpanTargets.MAX_ANSWER_LENGTH).decode(out.startLogits(0),
                    out.endLogits(0), w.contextMask(out.seqLength())).spans().get(0);
            assertThat(out.decodedSpan(0)).as(line).containsExactly(best.start(), best.end());
        }
    }

    @Test
    void aOneWindowAnswerAndItsGradAttentionComeFromOneRun() {
        long[] ran = new long[2];
        SpanPipeline pipeline = new SpanPipeline(tokenizer, new CountingEncoder(encoder, ran), MAX_SEQ_LEN, DOC_STRIDE,
                MAX_QUESTION_LEN, 4);
        String context = "Attention helps models focus. The transformer was proposed in 2017 by researchers at Google.";
        QaResult together = pipeline.answer(QUESTION, context, SpanOptions.defaults(), 10, ExplanationMethod.GRAD_ATTENTION);
        assertThat(ran[1]).as("encoder runs for the answer and its explanation").isEqualTo(1);
        Explanation separate = pipeline.explainAll(QUESTION, context, together.answers().get(0),
                ExplanationMethod.GRAD_ATTENTION);
        assertThat(ran[1]).as("explainAll makes its own pass").isEqualTo(2);
        List<WordWeight> shown = together.explanation().context();
        assertThat(shown).hasSize(10);
        for (int i = 0; i < shown.size(); i++) {
            assertThat(shown.get(i).start()).isEqualTo(separate.context().get(i).start());
            assertThat(shown.get(i).weight()).isCloseTo(separate.context().get(i).weight(), within(1e-5));
        }
        ran[1] = 0;
        pipeline.answer(QUESTION, context, SpanOptions.defaults(), 10, ExplanationMethod.ROLLOUT);
        assertThat(ran[1]).as("other methods: the answer's run, then the explanation's").isEqualTo(2);
    }

    /** The real encoder, adding the real (unmasked) tokens of every run to {@code ran[0]} and counting runs in ran[1]. */
    private static final class CountingEncoder extends ForwardingEncoder {
        private final long[] ran;

        CountingEncoder(BatchEncoder engine, long[] ran) {
            super(engine);
            this.ran = ran;
        }

        @Override
        public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
            for (long[] row : in.attentionMask()) {
                ran[0] += Arrays.stream(row).sum();
            }
            if (ran.length > 1) {
                ran[1]++; // runs
            }
            return engine.run(in, fetch);
        }
    }
}
