package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AbstentionTest {

    private static final Explanation WHY = new Explanation("grad-attention", List.of(5), List.of(), List.of());

    private static QaResult span(double score, double noAnswer) {
        return new QaResult("span", List.of(new Answer("Paris", score, 0, 5)), WHY, 3, noAnswer);
    }

    @Test
    void theLeadIsTheLogRatioOfTheBestSpanToTheNoAnswerScore() {
        assertThat(Abstention.lead(span(0.4, 0.1))).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void withholdsASpanThatDoesNotBeatTheNoAnswerScoreByTheMargin() {
        Abstention atZero = new Abstention(0);
        assertThat(atZero.apply(span(0.4, 0.1)).answers()).hasSize(1);
        QaResult withheld = atZero.apply(span(0.1, 0.4));
        assertThat(withheld.answers()).isEmpty();
        assertThat(withheld.explanation()).as("no explanation of a span not given").isNull();
        assertThat(withheld.noAnswerScore()).isEqualTo(0.4);
        assertThat(new Abstention(2).apply(span(0.4, 0.1)).answers()).as("ln 4 < 2").isEmpty();
        assertThat(new Abstention(-2).apply(span(0.1, 0.4)).answers()).as("ln 1/4 ≥ -2").hasSize(1);
    }

    @Test
    void refusesASentenceResultAndAMarginThatIsNotANumber() {
        assertThatThrownBy(() -> Abstention.lead(new QaResult("sentence", List.of(), null, 1)))
                .hasMessageContaining("(got mode sentence)");
        assertThatThrownBy(() -> new Abstention(Double.NaN)).hasMessageContaining("(got NaN)");
    }
}
