package dev.attentionqa.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** HF select_starts_ends + decode_spans on crafted logits: [CLS] q q [SEP] c c c c c [SEP]. */
class SpanDecoderTest {

    /** Context at positions 4..8. */
    private static final boolean[] MASK = {false, false, false, false, true, true, true, true, true, false};

    @Test
    void scoresSpansAsProductOfSoftmaxesOverTheWindow() {
        float[] start = {1, 0, 0, 0, 3, 0, 0, 0, 0, 0};
        float[] end = {1, 0, 0, 0, 0, 0, 2, 0, 0, 0};
        WindowSpans w = new SpanDecoder(1, 15).decode(start, end, MASK);
        // softmax runs over [CLS] and the context: 1 + 5 entries
        double pStart = Math.exp(3) / (Math.exp(1) + Math.exp(3) + 4);
        double pEnd = Math.exp(2) / (Math.exp(1) + Math.exp(2) + 4);
        assertThat(w.spans()).hasSize(1);
        assertThat(w.spans().get(0).start()).isEqualTo(4);
        assertThat(w.spans().get(0).end()).isEqualTo(6);
        assertThat(w.spans().get(0).score()).isCloseTo(pStart * pEnd, within(1e-12));
    }

    @Test
    void masksQuestionSpecialAndPaddingTokensWithMinus10000() {
        float[] start = {0, 50, 50, 50, 1, 0, 0, 0, 0, 50};
        float[] end = {0, 50, 50, 50, 0, 1, 0, 0, 0, 50};
        double[] p = SpanDecoder.softmax(start, MASK);
        assertThat(p[1] + p[2] + p[3] + p[9]).isLessThan(1e-300);
        assertThat(p[0] + p[4] + p[5] + p[6] + p[7] + p[8]).isCloseTo(1, within(1e-12));
        TokenSpan best = new SpanDecoder(1, 15).decode(start, end, MASK).spans().get(0);
        assertThat(best.start()).isEqualTo(4);
        assertThat(best.end()).isEqualTo(5);
    }

    @Test
    void rejectsSpanEndingBeforeStart() {
        float[] start = {0, 0, 0, 0, 0, 0, 0, 9, 0, 0};
        float[] end = {0, 0, 0, 0, 0, 9, 0, 0, 0, 0};
        List<TokenSpan> spans = new SpanDecoder(20, 15).decode(start, end, MASK).spans();
        assertThat(spans).isNotEmpty().allMatch(s -> s.end() >= s.start());
        assertThat(spans).noneMatch(s -> s.start() == 7 && s.end() == 5);
    }

    @Test
    void keepsSpansWithinMaxAnswerLength() {
        float[] start = {0, 0, 0, 0, 9, 0, 0, 0, 0, 0};
        float[] end = {0, 0, 0, 0, 0, 0, 0, 0, 9, 0};
        List<TokenSpan> spans = new SpanDecoder(50, 3).decode(start, end, MASK).spans();
        assertThat(spans).allMatch(s -> s.end() - s.start() + 1 <= 3);
        assertThat(spans).hasSize(5 + 4 + 3); // lengths 1, 2 and 3 over 5 context tokens
        assertThat(spans.get(0).start()).isEqualTo(4);
        assertThat(spans.get(0).end()).isEqualTo(4); // the end peak at 8 is 5 tokens away; ties go to the earlier end
    }

    @Test
    void returnsTopKBestFirstAndNeverACandidateAtCls() {
        float[] start = {20, 0, 0, 0, 3, 2, 1, 0, 0, 0};
        float[] end = {20, 0, 0, 0, 3, 2, 1, 0, 0, 0};
        WindowSpans w = new SpanDecoder(3, 15).decode(start, end, MASK);
        // (4,4) e^6, (4,5) e^5, then (4,6) and (5,5) tie at e^4: the earlier start wins, as numpy's order
        assertThat(w.spans()).extracting(TokenSpan::start).containsExactly(4, 4, 4);
        assertThat(w.spans()).extracting(TokenSpan::end).containsExactly(4, 5, 6);
        assertThat(w.spans()).isSortedAccordingTo(SpanDecoder.BEST_FIRST).noneMatch(s -> s.start() == 0 || s.end() == 0);
    }

    @Test
    void noAnswerScoreIsClsStartTimesClsEnd() {
        float[] start = {4, 0, 0, 0, 1, 0, 0, 0, 0, 0};
        float[] end = {2, 0, 0, 0, 1, 0, 0, 0, 0, 0};
        WindowSpans w = new SpanDecoder(1, 15).decode(start, end, MASK);
        double pStart = Math.exp(4) / (Math.exp(4) + Math.exp(1) + 4);
        double pEnd = Math.exp(2) / (Math.exp(2) + Math.exp(1) + 4);
        assertThat(w.nullScore()).isCloseTo(pStart * pEnd, within(1e-12));
    }

    @Test
    void refusesMismatchedLengthsAndBadLimits() {
        assertThatThrownBy(() -> new SpanDecoder(1, 15).decode(new float[3], new float[3], MASK))
                .hasMessageEndingWith("(got 3, 3, 10)");
        assertThatThrownBy(() -> new SpanDecoder(0, 15)).hasMessageEndingWith("(got top_k 0, max_answer_len 15)");
    }
}
