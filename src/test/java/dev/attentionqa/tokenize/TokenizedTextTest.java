package dev.attentionqa.tokenize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizedTextTest {

    private final TokenizedText text = new TokenizedText("big red dog", new long[] {11, 12, 13}, new int[] {0, 1, 2},
            new int[] {0, 4, 8}, new int[] {3, 7, 11});

    @Test
    void aSliceKeepsTheOffsetsIntoTheWholeText() {
        TokenizedText tail = text.slice(1, 3);
        assertThat(tail.ids()).containsExactly(12, 13);
        assertThat(tail.wordIds()).containsExactly(1, 2);
        assertThat(tail.starts()).containsExactly(4, 8);
        assertThat(tail.ends()).containsExactly(7, 11);
        assertThat(tail.text()).isSameAs(text.text());
    }

    @Test
    void aSlicePastTheEndThrowsInsteadOfPaddingWithPad() {
        // copyOfRange alone returned [12, 13, 0, 0]: id 0 is [PAD], fed to the model as if it were text
        assertThatThrownBy(() -> text.slice(1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.slice(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
