package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.qa.RealPipelines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The ERASER loops of {@code eval --faithfulness}: the aggregation on its own (hand-made drops), then both modes over
 * the shipped models and 6 SQuAD v1.1 dev questions, as plain tests that mutation testing reaches.
 */
class FaithfulnessLoopsTest {

    private static RealPipelines pipelines;
    private static List<SquadQuestion> questions;

    @BeforeAll
    static void load() throws Exception {
        pipelines = new RealPipelines();
        questions = SquadDataset.read(SeedData.squadV11Dev(), new ObjectMapper()).subList(0, 6);
    }

    @AfterAll
    static void close() {
        pipelines.close();
    }

    @Test
    void meansAreOverMeasuredQuestionsOnlyAndEachQuestionHasItsOwnSeededOrder() {
        List<Long> draws = new ArrayList<>();
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        // question n adds drops n+1 (comprehensiveness) and 10(n+1) (sufficiency) to every cell; question 1 is skipped
        FaithfulnessReport r = Faithfulness.run(questions.subList(0, 3), 100, new PrintStream(bar, true, StandardCharsets.UTF_8),
                (q, random, comprehensiveness, sufficiency) -> {
                    int n = questions.indexOf(q);
                    draws.add(random.nextLong());
                    if (n == 1) {
                        return false;
                    }
                    for (int i = 0; i < comprehensiveness.length; i++) {
                        for (int f = 0; f < comprehensiveness[i].length; f++) {
                            comprehensiveness[i][f] += n + 1;
                            sufficiency[i][f] += 10 * (n + 1);
                        }
                    }
                    return true;
                });
        assertThat(draws).containsExactly(new java.util.Random(100).nextLong(), new java.util.Random(101).nextLong(),
                new java.util.Random(102).nextLong());
        assertThat(r.questions()).isEqualTo(2);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.rows()).extracting(FaithfulnessReport.Row::ranking, FaithfulnessReport.Row::fraction).containsExactly(
                tuple("rollout", 0.10), tuple("rollout", 0.20), tuple("attention", 0.10), tuple("attention", 0.20),
                tuple("random", 0.10), tuple("random", 0.20));
        assertThat(r.rows()).allSatisfy(row -> {
            assertThat(row.comprehensiveness()).isEqualTo((1 + 3) / 2.0);
            assertThat(row.sufficiency()).isEqualTo((10 + 30) / 2.0);
        });
        assertThat(bar.toString(StandardCharsets.UTF_8)).contains("3/3");
        assertThat(r.table()).contains("questions=2 skipped=1").contains("random       20%");
    }

    @Test
    void noMeasuredQuestionGivesZeroDropsNotNaN() {
        FaithfulnessReport r = Faithfulness.run(questions.subList(0, 2), 1, null, (q, random, c, s) -> false);
        assertThat(r.questions()).isZero();
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.comprehensiveness()).isZero());
    }

    @Test
    void sentenceModeIsRepeatableAndOnlyTheRandomRowsDependOnTheSeed() {
        var pipeline = pipelines.sentence("token-match", 0.0);
        FaithfulnessReport a = new Faithfulness(pipeline, 7).run(questions, null);
        FaithfulnessReport b = new Faithfulness(pipeline, 7).run(questions, null);
        FaithfulnessReport c = new Faithfulness(pipeline, 8).run(questions, null);
        print("sentence", a);
        assertThat(a.questions() + a.skipped()).isEqualTo(6);
        assertThat(a.questions()).isPositive();
        assertThat(b.rows()).isEqualTo(a.rows());
        assertSameExceptRandom(a, c, List.of("rollout", "attention"), Faithfulness.FRACTIONS, "random");
    }

    @Test
    void spanModeIsRepeatableAndOnlyTheRandomRowsDependOnTheSeed() {
        var pipeline = pipelines.span();
        FaithfulnessReport a = new SpanFaithfulness(pipeline, 7).run(questions, null);
        FaithfulnessReport c = new SpanFaithfulness(pipeline, 8).run(questions, null);
        print("span", a);
        assertThat(a.questions() + a.skipped()).isEqualTo(6);
        assertThat(a.questions()).isPositive();
        assertThat(a.rankings()).containsExactly("attention", "rollout", "grad-attention", "integrated-gradients",
                "random-1", "random-2", "random-3");
        assertThat(a.millisPerAnswer()).containsOnlyKeys("attention", "rollout", "grad-attention", "integrated-gradients");
        assertThat(a.millisPerAnswer().values()).allSatisfy(ms -> assertThat(ms).isPositive());
        assertSameExceptRandom(a, c, List.of("attention", "rollout", "grad-attention", "integrated-gradients"),
                SpanFaithfulness.FRACTIONS, "random-1");
        assertThat(a.row("random-2", 0.2)).as("each random order is its own shuffle").isNotEqualTo(a.row("random-1", 0.2));
        assertThat(a.table()).contains("AOPC").contains("ms/answer");
    }

    private static void assertSameExceptRandom(FaithfulnessReport a, FaithfulnessReport c, List<String> methods,
                                               double[] fractions, String random) {
        for (String ranking : methods) {
            for (double f : fractions) {
                assertThat(c.row(ranking, f)).isEqualTo(a.row(ranking, f));
            }
        }
        assertThat(c.row(random, 0.2).comprehensiveness()).isNotCloseTo(a.row(random, 0.2).comprehensiveness(),
                within(1e-12));
    }

    private static void print(String mode, FaithfulnessReport r) {
        System.out.println(mode + "\n" + r.table());
    }
}
