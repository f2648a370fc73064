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
}
