package dev.attentionqa.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenWindowsTest {

    @Test
    void oneWindowWhenEverythingFits() {
        assertThat(TokenWindows.of(10, 10, 3)).containsExactly(new int[] {0, 10});
    }

    @Test
    void consecutiveWindowsOverlapByTheStrideAndCoverTheEnd() {
        List<int[]> windows = TokenWindows.of(25, 10, 3);
        assertThat(windows).containsExactly(new int[] {0, 10}, new int[] {7, 17}, new int[] {14, 24}, new int[] {21, 25});
    }

    @Test
    void emptyInputStillHasOneEmptyWindow() {
        assertThat(TokenWindows.of(0, 10, 3)).containsExactly(new int[] {0, 0});
    }

    @Test
    void rejectsAStrideThatWouldNeverAdvance() {
        assertThatThrownBy(() -> TokenWindows.of(25, 10, 10)).hasMessageContaining("(got size 10, stride 10)");
    }
}
