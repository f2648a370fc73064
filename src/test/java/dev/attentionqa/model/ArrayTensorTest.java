package dev.attentionqa.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrayTensorTest {

    @Test
    void concatColumnsPutsEachRowsPartsSideBySide() {
        ArrayTensor a = new ArrayTensor(new float[] {1, 2, 3, 4}, new int[] {2, 2});
        ArrayTensor b = new ArrayTensor(new float[] {5, 6}, new int[] {2, 1});
        ArrayTensor ab = ArrayTensor.concatColumns(a, b);
        assertThat(ab.shape()).containsExactly(2, 3);
        assertThat(ab.data()).containsExactly(1, 2, 5, 3, 4, 6);
        assertThatThrownBy(() -> ArrayTensor.concatColumns(a, new ArrayTensor(new float[] {1, 2, 3}, new int[] {3, 1})))
                .hasMessageContaining("2 rows").hasMessageContaining("[3, 1]");
    }

    @Test
    void concat1dAndScaledLeaveTheirInputsAlone() {
        ArrayTensor a = new ArrayTensor(new float[] {1, 2}, new int[] {2});
        ArrayTensor b = new ArrayTensor(new float[] {3}, new int[] {1});
        assertThat(ArrayTensor.concat1d(a, b).data()).containsExactly(1, 2, 3);
        assertThat(a.scaled(0.5f).data()).containsExactly(0.5f, 1f);
        assertThat(a.data()).containsExactly(1, 2);
    }

    @Test
    void withZeroRowsAppendsZerosBelowTheRows() {
        ArrayTensor a = new ArrayTensor(new float[] {1, 2, 3, 4}, new int[] {2, 2});
        ArrayTensor padded = a.withZeroRows(2);
        assertThat(padded.shape()).containsExactly(4, 2);
        assertThat(padded.data()).containsExactly(1, 2, 3, 4, 0, 0, 0, 0);
        assertThat(a.withZeroRows(0).data()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> a.withZeroRows(-1)).hasMessageContaining("extra -1");
    }
}
