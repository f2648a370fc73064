package dev.attentionqa.qa;

import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.RandomBertDirectory;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Both explanation methods in both modes: MiniLM for sentences, a random-weight QA model for spans. */
class ExplanationMethodsTest {

    private static final String QUESTION = "What limits parallelization in recurrent networks?";
    private static final String SENTENCE = "In RNNs, the sequential nature of processing limits parallelization.";

    @TempDir
    static Path directory;

    private static Encoder miniLm;
    private static Encoder qaModel;
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        miniLm = Encoder.create(DefaultModel.load(), EngineOptions.defaults());
        qaModel = Encoder.create(HfModelDirectory.load(RandomBertDirectory.write(directory, 7, 1.0)), EngineOptions.defaults());
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
    }

    @AfterAll
    static void close() {
        miniLm.close();
        qaModel.close();
        tokenizer.close();
    }

    @Test
    void sentenceRolloutUsesEveryLayerAndAttentionOnlyTheLast() {
        var explainer = new SentenceExplainer(miniLm, tokenizer.specialTokens(), 384);
        TokenizedText q = tokenizer.tokenize(QUESTION);
        TokenizedText s = tokenizer.tokenize(SENTENCE);
        Explanation rollout = explainer.explain(q, s, 5);
        Explanation attention = explainer.explain(q, s, 5, ExplanationMethod.ATTENTION);
        assertThat(rollout.method()).isEqualTo("rollout");
        assertThat(rollout.layers()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(attention.method()).isEqualTo("attention");
        assertThat(attention.layers()).containsExactly(5);
        for (Explanation e : List.of(rollout, attention)) {
            assertWordsAreSubstrings(e.question(), QUESTION);
            assertWordsAreSubstrings(e.context(), SENTENCE);
            assertThat(e.question()).extracting(WordWeight::word)
                    .containsExactly("What", "limits", "parallelization", "in", "recurrent", "networks", "?");
            assertThat(sum(e.question())).isCloseTo(1.0, within(1e-6));
            assertThat(e.context()).hasSize(5).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
        }
        assertThat(rollout.question()).isNotEqualTo(attention.question());
    }

    @Test
    void attentionReadsTheConfiguredLayer() {
        // not only the label: the weights must be that layer's (layer 5 and "last" agree, layer 0 differs)
        TokenizedText q = tokenizer.tokenize(QUESTION);
        TokenizedText s = tokenizer.tokenize(SENTENCE);
        Explanation first = new SentenceExplainer(miniLm, tokenizer.specialTokens(), 384, 0)
                .explain(q, s, 3, ExplanationMethod.ATTENTION);
        Explanation fifth = new SentenceExplainer(miniLm, tokenizer.specialTokens(), 384, 5)
                .explain(q, s, 3, ExplanationMethod.ATTENTION);
        Explanation last = new SentenceExplainer(miniLm, tokenizer.specialTokens(), 384, -1)
                .explain(q, s, 3, ExplanationMethod.ATTENTION);
        assertThat(first.layers()).containsExactly(0);
        assertThat(fifth.layers()).containsExactly(5);
        assertThat(weights(fifth.question())).isEqualTo(weights(last.question()));
        assertThat(weights(first.question())).isNotEqualTo(weights(last.question()));
    }

    private static double[] weights(List<WordWeight> words) {
        return words.stream().mapToDouble(WordWeight::weight).toArray();
    }

    @Test
    void spanAnswersAreExplainedFromTheirOwnRowsLeavingTheAnswerOut() {
        String context = SeedData.essay();
        var pipeline = new SpanPipeline(tokenizer, qaModel, 128, 32, 16, 4);
        for (ExplanationMethod method : ExplanationMethod.values()) {
            QaResult result = pipeline.answer(QUESTION, context, SpanOptions.defaults(), 8, method);
            Answer answer = result.answers().get(0);
            Explanation e = result.explanation();
            assertThat(e).as(method.id()).isNotNull();
            assertThat(e.method()).isEqualTo(method.id());
            assertWordsAreSubstrings(e.question(), QUESTION);
            assertWordsAreSubstrings(e.context(), context);
            assertThat(sum(e.question())).isCloseTo(1.0, within(1e-6));
            assertThat(e.context()).hasSize(8)
                    .allMatch(w -> w.end() <= answer.start() || w.start() >= answer.end(), "outside the answer");
        }
        assertThat(pipeline.answer(QUESTION, context, SpanOptions.defaults()).explanation()).isNull();
    }

    /** {@code qa.explain.layer} reaches span mode: the attention method reads the layer it names. */
    @Test
    void spanModeHonoursTheAttentionLayer() {
        String context = SeedData.essay();
        int last = qaModel.config().numLayers() - 1;
        Explanation first = new SpanPipeline(tokenizer, qaModel, 128, 32, 16, 4, 0)
                .answer(QUESTION, context, SpanOptions.defaults(), 8, ExplanationMethod.ATTENTION).explanation();
        Explanation fromEnd = new SpanPipeline(tokenizer, qaModel, 128, 32, 16, 4, -1)
                .answer(QUESTION, context, SpanOptions.defaults(), 8, ExplanationMethod.ATTENTION).explanation();
        assertThat(first.layers()).containsExactly(0);
        assertThat(fromEnd.layers()).containsExactly(last);
        assertThat(first.question().stream().mapToDouble(WordWeight::weight).toArray())
                .isNotEqualTo(fromEnd.question().stream().mapToDouble(WordWeight::weight).toArray());
    }

    private static void assertWordsAreSubstrings(List<WordWeight> words, String source) {
        assertThat(words).isNotEmpty().allMatch(w -> w.word().equals(source.substring(w.start(), w.end())), "substring of its source");
    }

    private static double sum(List<WordWeight> words) {
        return words.stream().mapToDouble(WordWeight::weight).sum();
    }
}
