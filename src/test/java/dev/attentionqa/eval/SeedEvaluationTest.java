package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.qa.SentencePipeline;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality gate on the seed questions over the essay: the default model's top-1 sentence holds the gold answer. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SeedEvaluationTest {

    @Inject
    SentencePipeline pipeline;

    @Test
    void findsTheGoldSentenceForNineOfTheTenSeedQuestions() throws Exception {
        var questions = SquadDataset.read(SeedData.seedQa(), new ObjectMapper());
        EvalReport report = new SentenceEvaluation(pipeline, null).run(questions);
        assertThat(report.questions()).isEqualTo(10);
        assertThat(report.sentenceAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.top3SentenceAccuracy()).isGreaterThanOrEqualTo(report.sentenceAccuracy());
        report.predictions().forEach(p -> assertThat(p.prediction()).isNotBlank());
    }
}
