package dev.attentionqa.qa;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenMatchTest {

    private static final float[] X = {1, 0};
    private static final float[] Y = {0, 1};
    private static final float[] XY = {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5)};

    @Test
    void averagesEachQuestionTokensBestCosineInsideTheSentence() {
        float[][] question = {X, Y};
        float[][] context = {Y, XY, X, Y};
        // sentence = tokens [1, 3): XY and X → best for X is 1, best for Y is √0.5
        assertThat(TokenMatch.score(question, context, 1, 3)).isCloseTo((1 + Math.sqrt(0.5)) / 2, within(1e-6));
        // the whole context holds exact matches for both
        assertThat(TokenMatch.score(question, context, 0, 4)).isCloseTo(1, within(1e-6));
    }

    @Test
    void weightsEachQuestionTokensBestCosineAndSkipsZeroWeights() {
        float[][] question = {X, Y};
        float[][] context = {XY, X};
        // best for X = 1, best for Y = √0.5; weights 3 and 1
        assertThat(TokenMatch.score(question, new double[] {3, 1}, context, 0, 2))
                .isCloseTo((3 * 1 + Math.sqrt(0.5)) / 4, within(1e-6));
        assertThat(TokenMatch.score(question, new double[] {0, 1}, context, 0, 2)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(TokenMatch.score(question, new double[] {0, 0}, context, 0, 2)).isZero();
    }

    @Test
    void anEmptySentenceOrQuestionScoresZero() {
        assertThat(TokenMatch.score(new float[][] {X}, new float[][] {X}, 1, 1)).isZero();
        assertThat(TokenMatch.score(new float[0][], new float[][] {X}, 0, 1)).isZero();
    }
}
