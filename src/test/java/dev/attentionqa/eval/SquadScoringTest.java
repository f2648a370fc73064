package dev.attentionqa.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SquadScoringTest {

    @Test
    void normalisesLikeTheOfficialScript() {
        assertThat(SquadScoring.normalize("The  Vanishing-Gradient problem!")).isEqualTo("vanishinggradient problem");
        assertThat(SquadScoring.normalize("an Apple a day")).isEqualTo("apple day");
    }

    @Test
    void exactMatchIsTheBestOverGoldAnswers() {
        assertThat(SquadScoring.exactMatch("the sequential nature", List.of("x", "Sequential nature"))).isEqualTo(1);
        assertThat(SquadScoring.exactMatch("sequential", List.of("Sequential nature"))).isZero();
    }

    @Test
    void f1CountsSharedTokens() {
        // prediction 4 tokens, gold 2 tokens, 2 shared: P = 0.5, R = 1, F1 = 2/3
        assertThat(SquadScoring.f1("limits the sequential nature here", List.of("sequential nature")))
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(SquadScoring.f1("nothing shared", List.of("sequential nature"))).isZero();
    }

    @Test
    void anEmptyGoldListIsMatchedOnlyByTheEmptyPrediction() {
        assertThat(SquadScoring.exactMatch("", List.of())).isEqualTo(1);
        assertThat(SquadScoring.f1("", List.of())).isEqualTo(1);
        assertThat(SquadScoring.f1("something", List.of())).isZero();
    }

    @Test
    void followsPythonsUnicodeWordBoundariesAndWhiteSpace() {
        // expected values printed by the official normalize_answer under Python 3
        assertThat(SquadScoring.normalize("«The» café a")).isEqualTo("« » café");
        assertThat(SquadScoring.normalize("thé a²the")).isEqualTo("thé a²the");
        assertThat(SquadScoring.normalize("x\u001cthe\u00a0y")).isEqualTo("x y");
        assertThat(SquadScoring.normalize("Ⅻthe ²an")).isEqualTo("ⅻthe ²an");
        assertThat(SquadScoring.normalize("a\u0301 the")).isEqualTo("\u0301");
    }

    @Test
    void aGoldThatNormalisesToNothingCountsOnlyUnderV11() {
        List<String> golds = List.of(".", "full stop");
        assertThat(SquadScoring.exactMatch("", golds, SquadVersion.V1_1)).isEqualTo(1);
        assertThat(SquadScoring.f1("", golds, SquadVersion.V1_1)).isZero();
        assertThat(SquadScoring.exactMatch("", golds, SquadVersion.V2_0)).isZero();
        assertThat(SquadScoring.f1("full stop", golds, SquadVersion.V2_0)).isEqualTo(1);
    }

    @Test
    void namesTheRulesFromTheFilesVersionField() {
        assertThat(SquadVersion.of("1.1")).isEqualTo(SquadVersion.V1_1);
        assertThat(SquadVersion.of("v2.0")).isEqualTo(SquadVersion.V2_0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SquadVersion.of("3"))
                .hasMessage("SQuAD version must be 1.1 or v2.0 (got \"3\")");
        assertThat(SquadVersion.forFile("1.1")).isEqualTo(SquadVersion.V1_1);
        assertThat(SquadVersion.forFile("seed-attention-dev-1")).isEqualTo(SquadVersion.V2_0);
    }
}
