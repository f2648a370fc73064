package dev.attentionqa.qa;

import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HF preprocess: question cut to max_question_len, windows filling max_seq_len, overlapping by doc_stride. */
class SpanFeaturesTest {

    @Test
    void fillsEachWindowUpToMaxSeqLenWithHfDefaults() {
        List<SpanWindow> windows = new SpanFeatures(384, 128, 64).windows(10, 1000);
        // 384 - 10 question tokens - 3 special tokens = 371 context tokens per window, step 371 - 128
        assertThat(windows).containsExactly(new SpanWindow(0, 371, 12), new SpanWindow(243, 614, 12),
                new SpanWindow(486, 857, 12), new SpanWindow(729, 1000, 12));
    }

    @Test
    void cutsTheQuestionToMaxQuestionLen() {
        TokenizedText q = SpanTestContexts.words("a", "b", "c", "d", "e");
        assertThat(new SpanFeatures(32, 8, 3).question(q).ids()).containsExactly(1000, 1001, 1002);
        assertThatThrownBy(() -> new SpanFeatures(32, 8, 3).windows(4, 10))
                .hasMessage("question must be cut to max_question_len 3 tokens first (got 4)");
    }

    @Test
    void refusesAStrideThatLeavesNoRoomToAdvance() {
        assertThatThrownBy(() -> new SpanFeatures(100, 40, 60))
                .hasMessageEndingWith("(got max_seq_len 100, max_question_len 60, doc_stride 40)");
    }

    @Test
    void buildsQuestionContextPairsWithSegmentIds() {
        TokenizedText q = SpanTestContexts.words("q0", "q1");
        TokenizedText c = SpanTestContexts.words("c0", "c1", "c2", "c3", "c4");
        List<SpanWindow> windows = List.of(new SpanWindow(0, 3, 4), new SpanWindow(2, 5, 4));
        EncoderInput in = SpanFeatures.batch(q, c, windows, new SpecialTokens(101, 102, 0));
        assertThat(in.inputIds()[1]).containsExactly(101, 1000, 1001, 102, 1002, 1003, 1004, 102);
        assertThat(in.tokenTypeIds()[1]).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(windows.get(1).contextMask(8)).containsExactly(false, false, false, false, true, true, true, false);
        assertThat(windows.get(1).contextToken(5)).isEqualTo(3);
    }

    @Test
    void leavesRoomForRobertasSecondSeparatorAndStartsTheContextAfterIt() {
        List<SpanWindow> windows = new SpanFeatures(384, 128, 64, true).windows(10, 1000);
        // 384 - 10 question tokens - 4 special tokens (<s> q </s></s> c </s>) = 370 context tokens per window
        assertThat(windows.get(0)).isEqualTo(new SpanWindow(0, 370, 13));
        TokenizedText q = SpanTestContexts.words("q0");
        TokenizedText c = SpanTestContexts.words("c0", "c1");
        List<SpanWindow> one = new SpanFeatures(12, 2, 1, true).windows(1, 2);
        EncoderInput in = SpanFeatures.batch(q, c, one, new SpecialTokens(0, 2, 1, true, 0));
        assertThat(in.inputIds()[0]).containsExactly(0, 1000, 2, 2, 1000, 1001, 2);
        assertThat(one.get(0).contextMask(7)).containsExactly(false, false, false, false, true, true, false);
    }
}
