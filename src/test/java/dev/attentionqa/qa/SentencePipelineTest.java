package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Sentence mode over the shipped MiniLM, both scorers, as a plain test (no Quarkus) that mutation testing runs. */
class SentencePipelineTest {

    private static final String CONTEXT = "The museum opened in 1901 on the river bank. Its first director was Maria Lopez, "
            + "a painter from Seville. Visitors rose by 12 percent in 2019 after the new wing opened. "
            + "The cafe on the roof serves lunch every day.";
    private static final String QUESTION = "Who was the first director of the museum?";

    private static RealPipelines pipelines;

    @BeforeAll
    static void load() {
        pipelines = new RealPipelines();
    }

    @AfterAll
    static void close() {
        pipelines.close();
    }

    @Test
    void bothScorersRankTheSentenceThatHoldsTheAnswerAboveAnUnrelatedOne() {
        for (String scoring : List.of("token-match", "embedding")) {
            QaResult r = pipelines.sentence(scoring, 0.0).answer(QUESTION, CONTEXT, 4, 0);
            assertThat(r.mode()).isEqualTo(SentencePipeline.MODE);
            assertThat(r.answers()).as(scoring).hasSize(4)
                    .isSortedAccordingTo(java.util.Comparator.comparingDouble(Answer::score).reversed())
                    .allMatch(a -> CONTEXT.substring(a.start(), a.end()).equals(a.text()));
            List<String> ranked = r.answers().stream().map(Answer::text).toList();
            int gold = ranked.indexOf(ranked.stream().filter(t -> t.contains("Maria Lopez")).findFirst().orElseThrow());
            int cafe = ranked.indexOf(ranked.stream().filter(t -> t.contains("cafe")).findFirst().orElseThrow());
            // token match puts the answer first; a mean-pooled embedding is pulled to the sentence that repeats
            // "museum" (the weakness span mode answers), yet still ranks the answer above the unrelated one
            assertThat(gold).as(scoring).isLessThan(cafe);
            if (scoring.equals("token-match")) {
                assertThat(gold).isZero();
            }
            assertThat(r.explanation()).isNull(); // topWords 0: no explanation
        }
    }

    @Test
    void topKCutsTheListAndTheScoresAreThoseOfScores() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        List<Answer> two = p.answer(QUESTION, CONTEXT, 2, 0).answers();
        List<Answer> all = p.answer(QUESTION, CONTEXT, 10, 0).answers();
        assertThat(two).isEqualTo(all.subList(0, 2));
        assertThat(all).hasSize(4);
        List<Sentence> sentences = p.sentences(CONTEXT);
        double[] scores = p.scores(QUESTION, CONTEXT, sentences);
        for (Answer a : all) {
            int i = sentences.stream().map(Sentence::start).toList().indexOf(a.start());
            assertThat(a.score()).isCloseTo(scores[i], within(1e-9));
        }
    }

    @Test
    void theIdfWeightAddsWeightedWordOverlapToEachScore() {
        List<Sentence> sentences = pipelines.sentence("token-match", 0.0).sentences(CONTEXT);
        double[] plain = pipelines.sentence("token-match", 0.0).scores(QUESTION, CONTEXT, sentences);
        double[] mixed = pipelines.sentence("token-match", 0.5).scores(QUESTION, CONTEXT, sentences);
        double[] overlap = new IdfOverlap(sentences).scores(QUESTION);
        for (int s = 0; s < plain.length; s++) {
            assertThat(mixed[s]).isCloseTo(plain[s] + 0.5 * overlap[s], within(1e-9));
        }
        assertThat(overlap[1]).isPositive(); // "first", "director", "museum"… so the weight changed something
    }

    @Test
    void theExplanationIsOfTheTopSentenceByTheAskedMethod() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        for (ExplanationMethod method : List.of(ExplanationMethod.ATTENTION, ExplanationMethod.ROLLOUT)) {
            QaResult r = p.answer(QUESTION, CONTEXT, 1, 3, method);
            Explanation e = r.explanation();
            assertThat(e.method()).isEqualTo(method.id());
            Answer top = r.answers().get(0);
            assertThat(e.context()).hasSizeLessThanOrEqualTo(3).isNotEmpty()
                    .allMatch(w -> w.start() >= top.start() && w.end() <= top.end());
            Explanation whole = p.explainSentence(QUESTION, CONTEXT, p.sentences(CONTEXT), 1, method);
            assertThat(whole.context()).extracting(WordWeight::word).contains("Maria", "Lopez", "painter");
        }
    }

    @Test
    void theGradientMethodsAreRefusedForSentenceAnswersByName() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        for (ExplanationMethod method : List.of(ExplanationMethod.GRAD_ATTENTION, ExplanationMethod.INTEGRATED_GRADIENTS)) {
            assertThatThrownBy(() -> p.answer(QUESTION, CONTEXT, 1, 3, method))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(method.id() + " explains the score of a span answer; sentence answers support attention"
                            + " and rollout");
        }
    }

    @Test
    void questionsLongerThanTheLimitAreCutToItsTokens() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        String longQuestion = QUESTION + " tell me more".repeat(40); // 4 + 120 tokens: cut at 64
        String cut = QUESTION + " tell me more".repeat(18) + " tell"; // 10 + 54 = 64 tokens
        List<Sentence> sentences = p.sentences(CONTEXT);
        assertThat(p.scores(longQuestion, CONTEXT, sentences)).containsExactly(p.scores(cut, CONTEXT, sentences),
                within(1e-9));
    }

    @Test
    void textsWithNothingToReadAreRefusedByName() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        assertThatThrownBy(() -> p.answer(QUESTION, "… — !", 1, 0)).isInstanceOf(NoSentenceException.class);
        assertThatThrownBy(() -> p.answer("\u200b\u200b", CONTEXT, 1, 0)).isInstanceOf(NoTokensException.class)
                .satisfies(e -> assertThat(((NoTokensException) e).field()).isEqualTo("question"));
    }

    @Test
    void modelTokensCountQuestionAndContextTokens() {
        SentencePipeline p = pipelines.sentence("token-match", 0.0);
        long tokens = p.modelTokens(QUESTION, CONTEXT);
        assertThat(tokens).isBetween(50L, 80L); // ~ 9 + 54 word pieces
        assertThat(p.modelTokens(QUESTION, CONTEXT + " " + CONTEXT)).isGreaterThan(tokens + 40);
        assertThat(p.modelTokens(QUESTION, "")).isZero();
    }
}
