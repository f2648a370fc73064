package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Postprocess over several windows with crafted logits: 12 one-token words, question of 1 token, max_seq_len 12
 * (8 context tokens per window) and doc_stride 4, so windows hold tokens [0, 8) and [4, 12).
 */
class SpanAnswersTest {

    private static final TokenizedText CONTEXT = SpanTestContexts.words(
            "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11");
    private static final List<SpanWindow> WINDOWS = new SpanFeatures(12, 4, 1).windows(1, CONTEXT.size());
    private static final int SEQ = 12;

    @Test
    void cutsTheContextIntoOverlappingWindows() {
        assertThat(WINDOWS).containsExactly(new SpanWindow(0, 8, 3), new SpanWindow(4, 12, 3));
    }

    @Test
    void reportsASpanSeenInTwoWindowsOnceWithTheBetterScore() {
        List<WindowSpans> decoded = decode(1, w -> SpanTestContexts.peak(w, SEQ, 5, w.from() == 0 ? 4 : 8),
                w -> SpanTestContexts.peak(w, SEQ, 6, 6));
        List<Answer> answers = answers(decoded, new SpanOptions(5, 15, false, true));
        assertThat(answers).filteredOn(a -> a.text().equals("w5 w6")).hasSize(1);
        double better = Math.max(decoded.get(0).spans().get(0).score(), decoded.get(1).spans().get(0).score());
        assertThat(answers.get(0).text()).isEqualTo("w5 w6");
        assertThat(answers.get(0).score()).isEqualTo(better);
    }

    @Test
    void findsASpanAcrossAWindowEdgeInTheWindowThatHoldsItWhole() {
        // tokens 6..9: window 0 ends after token 7, window 1 holds the whole span
        List<WindowSpans> decoded = decode(1, w -> SpanTestContexts.peak(w, SEQ, 6, 8), w -> SpanTestContexts.peak(w, SEQ, 9, 8));
        Answer best = answers(decoded, SpanOptions.defaults()).get(0);
        assertThat(best.text()).isEqualTo("w6 w7 w8 w9");
        assertThat(best.score()).isEqualTo(decoded.get(1).spans().get(0).score());
    }

    @Test
    void returnsTheEmptyAnswerWhenTheMinimumNoAnswerScoreBeatsTheBestSpan() {
        List<WindowSpans> decoded = List.of(
                new WindowSpans(List.of(new TokenSpan(4, 4, 0.30)), 0.60),
                new WindowSpans(List.of(new TokenSpan(5, 5, 0.20)), 0.40));
        List<Answer> answers = answers(decoded, new SpanOptions(3, 15, true, true));
        assertThat(answers).containsExactly(new Answer("", 0.40, 0, 0), new Answer("w1", 0.30, 3, 5),
                new Answer("w6", 0.20, 18, 20));
        assertThat(answers(decoded, new SpanOptions(3, 15, false, true))).noneMatch(a -> a.text().isEmpty());
    }

    @Test
    void keepsTheBestSpanFirstWhenItBeatsTheNoAnswerScore() {
        List<WindowSpans> decoded = List.of(
                new WindowSpans(List.of(new TokenSpan(4, 4, 0.30)), 0.10),
                new WindowSpans(List.of(new TokenSpan(5, 5, 0.20)), 0.90));
        assertThat(answers(decoded, new SpanOptions(1, 15, true, true))).containsExactly(new Answer("w1", 0.30, 3, 5));
    }

    @Test
    void ordersTopKAcrossWindowsByScore() {
        List<WindowSpans> decoded = List.of(
                new WindowSpans(List.of(new TokenSpan(3, 3, 0.5), new TokenSpan(4, 4, 0.1)), 0),
                new WindowSpans(List.of(new TokenSpan(9, 9, 0.7), new TokenSpan(10, 10, 0.3)), 0));
        assertThat(answers(decoded, new SpanOptions(3, 15, false, true))).extracting(Answer::text)
                .containsExactly("w10", "w0", "w11");
    }

    private static List<Answer> answers(List<WindowSpans> decoded, SpanOptions options) {
        return SpanAnswers.of(WINDOWS, decoded, new AnswerOffsets(CONTEXT, options.alignToWords()), options);
    }

    private static List<WindowSpans> decode(int topK, java.util.function.Function<SpanWindow, float[]> start,
                                            java.util.function.Function<SpanWindow, float[]> end) {
        List<WindowSpans> decoded = new ArrayList<>();
        for (SpanWindow w : WINDOWS) {
            decoded.add(new SpanDecoder(topK, 15).decode(start.apply(w), end.apply(w), w.contextMask(SEQ)));
        }
        return decoded;
    }
}
