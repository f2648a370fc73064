package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The leaderboard prediction files score exactly as published (src/test/resources/data/README.md), to 3 decimals. */
class PublishedScoresTest {

    private static final Path SQUAD = Path.of("src", "test", "resources", "data", "squad");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SquadFile v11;
    private static SquadFile v20;

    @BeforeAll
    static void readData() throws Exception {
        v11 = SquadDataset.readFile(SQUAD.resolve("dev-v1.1.json.gz"), JSON);
        v20 = SquadDataset.readFile(SQUAD.resolve("dev-v2.0.reconstructed.json.gz"), JSON);
    }

    @Test
    void readsTheVersionOfEachFile() {
        assertThat(v11.version()).isEqualTo(SquadVersion.V1_1);
        assertThat(v11.questions()).hasSize(10_570);
        assertThat(v20.version()).isEqualTo(SquadVersion.V2_0);
        assertThat(v20.questions()).hasSize(11_873);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, EM, F1, HasAns F1, NoAns (exact = f1): the MANIFEST.md table; then questions the file lacks
        "v1.1-BERT-ensemble-GoogleAI.json,             86.206, 92.196,       ,      , 0",
        "v1.1-LogisticRegression-baseline-Stanford.json, 40.142, 50.982,     ,      , 13",
        "v2.0-BERT-single-GoogleAI.json,               78.742, 81.775, 80.182, 83.364, 0",
        "v2.0-BiDAF-SelfAttn-ELMo-single-AI2.json,     65.704, 67.876, 65.772, 69.975, 0",
    })
    void reproducesThePublishedScores(String file, double em, double f1, Double hasAnsF1, Double noAns, int missing)
            throws Exception {
        boolean v2 = file.startsWith("v2.0");
        SquadScores s = score(v2 ? v20 : v11, file);
        assertRounded(s.exact(), em);
        assertRounded(s.f1(), f1);
        assertThat(s.missing()).isEqualTo(missing); // scored 0 and counted, as evaluate-v1.1.py does
        if (v2) {
            assertRounded(s.hasAnsF1(), hasAnsF1);
            assertRounded(s.noAnsExact(), noAns);
            assertRounded(s.noAnsF1(), noAns);
            assertThat(s.hasAnsTotal()).isEqualTo(5_928);
            assertThat(s.noAnsTotal()).isEqualTo(5_945);
        }
    }

    @Test
    void officialKeysFollowTheScriptOfEachVersion() throws Exception {
        assertThat(score(v11, "v1.1-BERT-ensemble-GoogleAI.json").official()).containsOnlyKeys("exact_match", "f1");
        assertThat(score(v20, "v2.0-BERT-single-GoogleAI.json").official()).containsOnlyKeys("exact", "f1", "total",
                "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact", "NoAns_f1", "NoAns_total");
    }

    private static SquadScores score(SquadFile data, String predictions) throws Exception {
        return PredictionScoring.score(data, PredictionsFile.read(SQUAD.resolve("predictions").resolve(predictions + ".gz"), JSON));
    }

    private static void assertRounded(double actual, double published) {
        assertThat(Math.round(actual * 1000) / 1000.0).isCloseTo(published, within(1e-9));
    }
}
