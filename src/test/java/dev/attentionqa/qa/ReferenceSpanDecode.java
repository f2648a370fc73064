package dev.attentionqa.qa;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test oracle written straight from HF's numpy code ({@code transformers.pipelines.question_answering}), sharing
 * nothing with the span classes: each window run alone (unpadded), the full start×end score matrix, top-k before the
 * context filter as HF does it, word alignment by scanning the window. Across windows the best score of each
 * character span is kept (the worker's rule; recent HF versions instead sum the scores of answers with the same
 * text, which counts a span twice where windows overlap).
 */
final class ReferenceSpanDecode {

    private ReferenceSpanDecode() {
    }

    static List<Answer> answers(Encoder encoder, SpecialTokens special, TokenizedText q, TokenizedText c, int maxSeqLen,
                                int docStride, int topK, boolean impossible) {
        int room = maxSeqLen - q.size() - 3;
        int offset = q.size() + 2;
        List<Answer> all = new ArrayList<>();
        double minNull = 1_000_000;
        for (int from = 0; ; from += room - docStride) {
            int to = Math.min(c.size(), from + room);
            EncoderOutput out = runAlone(encoder, special, q, java.util.Arrays.copyOfRange(c.ids(), from, to));
            double[] ps = softmax(out.startLogits(0), offset, offset + to - from);
            double[] pe = softmax(out.endLogits(0), offset, offset + to - from);
            minNull = Math.min(minNull, ps[0] * pe[0]);
            all.addAll(windowAnswers(c, from, to, offset, ps, pe, topK));
            if (to == c.size()) {
                break;
            }
        }
        if (impossible) {
            all.add(new Answer("", minNull, 0, 0));
        }
        Map<List<Integer>, Answer> unique = new LinkedHashMap<>();
        all.forEach(a -> unique.merge(List.of(a.start(), a.end()), a, (x, y) -> y.score() > x.score() ? y : x));
        List<Answer> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingDouble(Answer::score).reversed());
        return sorted.subList(0, Math.min(topK, sorted.size()));
    }

    /** {@code [CLS] q [SEP] window [SEP]} as a batch of one, no padding. */
    private static EncoderOutput runAlone(Encoder encoder, SpecialTokens special, TokenizedText q, long[] window) {
        int seq = q.size() + window.length + 3;
        long[] ids = new long[seq];
        long[] types = new long[seq];
        ids[0] = special.cls();
        System.arraycopy(q.ids(), 0, ids, 1, q.size());
        ids[q.size() + 1] = special.sep();
        System.arraycopy(window, 0, ids, q.size() + 2, window.length);
        ids[seq - 1] = special.sep();
        java.util.Arrays.fill(types, q.size() + 2, seq, 1L);
        long[][] mask = {new long[seq]};
        java.util.Arrays.fill(mask[0], 1L);
        return encoder.run(new EncoderInput(new long[][] {ids}, mask, new long[][] {types}),
                EnumSet.of(EncoderOutput.Kind.QA_LOGITS));
    }

    /**
     * HF's {@code select_starts_ends} + {@code decode_spans} order: CLS probabilities zeroed, the start×end matrix over
     * the whole sequence banded to 0 ≤ e − s < 15, the top k cells of it taken first, and only then the cells whose
     * both ends are in the context (or CLS, which HF leaves unmasked) kept. numpy's {@code argpartition} breaks ties
     * arbitrarily; here a tie goes to the lower flat index. A kept cell on CLS maps to characters 0–0, as HF's
     * offsets fallback does; a reversed or out-of-band cell (score 0) to the characters between its ends, or "".
     */
    private static List<Answer> windowAnswers(TokenizedText c, int from, int to, int offset, double[] ps, double[] pe,
                                              int topK) {
        int n = ps.length;
        ps[0] = 0;
        pe[0] = 0;
        Integer[] cells = new Integer[n * n];
        double[] score = new double[n * n];
        for (int s = 0; s < n; s++) {
            for (int e = 0; e < n; e++) {
                cells[s * n + e] = s * n + e;
                score[s * n + e] = e >= s && e - s <= 14 ? ps[s] * pe[e] : 0;
            }
        }
        java.util.Arrays.sort(cells, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        List<Answer> answers = new ArrayList<>();
        for (int cell : java.util.Arrays.copyOf(cells, Math.min(topK, cells.length))) {
            int s = cell / n;
            int e = cell % n;
            boolean desired = (s == 0 || (s >= offset && s < offset + to - from))
                    && (e == 0 || (e >= offset && e < offset + to - from));
            if (!desired) {
                continue;
            }
            int start = s == 0 ? 0 : wordStart(c, from, to, from + s - offset);
            int end = e == 0 ? 0 : wordEnd(c, from, to, from + e - offset);
            answers.add(new Answer(start < end ? c.text().substring(start, end) : "", score[cell], start, end));
        }
        return answers;
    }

    private static int wordStart(TokenizedText c, int from, int to, int token) {
        int start = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            if (c.wordIds()[i] == c.wordIds()[token]) {
                start = Math.min(start, c.starts()[i]);
            }
        }
        return start;
    }

    private static int wordEnd(TokenizedText c, int from, int to, int token) {
        int end = -1;
        for (int i = from; i < to; i++) {
            if (c.wordIds()[i] == c.wordIds()[token]) {
                end = Math.max(end, c.ends()[i]);
            }
        }
        return end;
    }

    /** Softmax over [CLS] and positions [from, to); everything else at -10000. */
    private static double[] softmax(float[] logits, int from, int to) {
        double[] p = new double[logits.length];
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < p.length; i++) {
            p[i] = i == 0 || (i >= from && i < to) ? logits[i] : -10000.0;
            max = Math.max(max, p[i]);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] = Math.exp(p[i] - max);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
