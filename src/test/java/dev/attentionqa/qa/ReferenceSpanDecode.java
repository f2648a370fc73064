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
 * A test oracle written straight from HF's numpy code, sharing nothing with the span classes: each window run
 * alone (unpadded), full start×end score matrix, word alignment by scanning the window.
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

    private static List<Answer> windowAnswers(TokenizedText c, int from, int to, int offset, double[] ps, double[] pe,
                                              int topK) {
        List<double[]> spans = new ArrayList<>(); // {score, s, e}
        for (int s = offset; s < offset + to - from; s++) {
            for (int e = s; e < offset + to - from && e - s <= 14; e++) {
                spans.add(new double[] {ps[s] * pe[e], s, e});
            }
        }
        spans.sort(Comparator.comparingDouble((double[] x) -> -x[0]).thenComparingDouble(x -> x[1]).thenComparingDouble(x -> x[2]));
        List<Answer> answers = new ArrayList<>();
        for (double[] span : spans.subList(0, Math.min(topK, spans.size()))) {
            int first = from + (int) span[1] - offset;
            int last = from + (int) span[2] - offset;
            int start = Integer.MAX_VALUE;
            int end = -1;
            for (int i = from; i < to; i++) {
                if (c.wordIds()[i] == c.wordIds()[first]) {
                    start = Math.min(start, c.starts()[i]);
                }
                if (c.wordIds()[i] == c.wordIds()[last]) {
                    end = Math.max(end, c.ends()[i]);
                }
            }
            answers.add(new Answer(c.text().substring(start, end), span[0], start, end));
        }
        return answers;
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
