package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The leaderboard prediction files score exactly as published (../shared/data/squad/MANIFEST.md), to 3 decimals. */
class PublishedScoresTest {

    private static final Path SQUAD = Path.of("..", "shared", "data", "squad");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SquadFile v11;
    private static SquadFile v20;

    @BeforeAll
    static void readData() throws Exception {
        v11 = SquadDataset.readFile(SQUAD.resolve("dev-v1.1.json"), JSON);
        v20 = SquadDataset.readFile(SQUAD.resolve("dev-v2.0.reconstructed.json"), JSON);
    }

    @Test
    void readsTheVersionOfEachFile() {
        assertThat(v11.version()).isEqualTo(SquadVersion.V1_1);
        assertThat(v11.questions()).hasSize(10_570);
        assertThat(v20.version()).isEqualTo(SquadVersion.V2_0);
        assertThat(v20.questions()).hasSize(11_873);
    }

    @Test
    void reproducesBertEnsembleOnV11() throws Exception {
        SquadScores s = score(v11, "v1.1-BERT-ensemble-GoogleAI.json");
        assertRounded(s.exact(), 86.206);
        assertRounded(s.f1(), 92.196);
        assertThat(s.total()).isEqualTo(10_570);
        assertThat(s.missing()).isZero();
    }

    @Test
    void reproducesLogisticRegressionOnV11() throws Exception {
        SquadScores s = score(v11, "v1.1-LogisticRegression-baseline-Stanford.json");
        assertRounded(s.exact(), 40.142);
        assertRounded(s.f1(), 50.982);
    }

    @Test
    void reproducesBertSingleOnV20WithHasAnsAndNoAnsSplits() throws Exception {
        SquadScores s = score(v20, "v2.0-BERT-single-GoogleAI.json");
        assertRounded(s.exact(), 78.742);
        assertRounded(s.f1(), 81.775);
        assertRounded(s.hasAnsF1(), 80.182);
        assertRounded(s.noAnsExact(), 83.364);
        assertRounded(s.noAnsF1(), 83.364);
        assertThat(s.hasAnsTotal()).isEqualTo(5_928);
        assertThat(s.noAnsTotal()).isEqualTo(5_945);
    }

    @Test
    void reproducesBidafOnV20() throws Exception {
        SquadScores s = score(v20, "v2.0-BiDAF-SelfAttn-ELMo-single-AI2.json");
        assertRounded(s.exact(), 65.704);
        assertRounded(s.f1(), 67.876);
        assertRounded(s.hasAnsF1(), 65.772);
        assertRounded(s.noAnsExact(), 69.975);
    }

    @Test
    void officialKeysFollowTheScriptOfEachVersion() throws Exception {
        assertThat(score(v11, "v1.1-BERT-ensemble-GoogleAI.json").official()).containsOnlyKeys("exact_match", "f1");
        assertThat(score(v20, "v2.0-BERT-single-GoogleAI.json").official()).containsOnlyKeys("exact", "f1", "total",
                "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact", "NoAns_f1", "NoAns_total");
    }

    private static SquadScores score(SquadFile data, String predictions) throws Exception {
        return PredictionScoring.score(data, PredictionsFile.read(SQUAD.resolve("predictions").resolve(predictions), JSON));
    }

    private static void assertRounded(double actual, double published) {
        assertThat(Math.round(actual * 1000) / 1000.0).isCloseTo(published, within(1e-9));
    }
}
