package dev.attentionqa.explain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The method names of the message contract and their lookup. */
class ExplanationMethodTest {

    @Test
    void namesEveryMethodInDeclarationOrderAndFindsEachByName() {
        assertThat(ExplanationMethod.ids()).containsExactly("attention", "rollout", "grad-attention",
                "integrated-gradients");
        for (ExplanationMethod m : ExplanationMethod.values()) {
            assertThat(ExplanationMethod.of(m.id())).isSameAs(m);
        }
        assertThat(ExplanationMethod.ATTENTION.id()).isEqualTo("attention");
    }

    @Test
    void onlyTheGradientMethodsNeedTheScoreOfASpan() {
        assertThat(java.util.Arrays.stream(ExplanationMethod.values()).filter(ExplanationMethod::needsSpanScore))
                .containsExactly(ExplanationMethod.GRAD_ATTENTION, ExplanationMethod.INTEGRATED_GRADIENTS);
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> ExplanationMethod.of("saliency"))
                .hasMessage("explanation method must be one of [attention, rollout, grad-attention, integrated-gradients] (got \"saliency\")");
    }
}
