package dev.attentionqa.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * HF {@code select_starts_ends} + {@code decode_spans} for one window: logits outside the context (except [CLS])
 * set to -10000, softmax over start and over end logits, then the {@code topK} spans by p_start·p_end with
 * {@code start ≤ end < start + maxAnswerLen}, both inside the context.
 */
public final class SpanDecoder {

    /** HF's value for logits that may not contribute to the softmax. */
    static final double MASKED_LOGIT = -10000.0;
    /** [CLS] sits first: its probabilities give the no-answer score. */
    static final int CLS = 0;
    /** Best first; ties go to the earlier start, then the earlier end (numpy's argmax order). */
    static final Comparator<TokenSpan> BEST_FIRST = Comparator.comparingDouble(TokenSpan::score).reversed()
            .thenComparingInt(TokenSpan::start).thenComparingInt(TokenSpan::end);

    private final int topK;
    private final int maxAnswerLen;

    public SpanDecoder(int topK, int maxAnswerLen) {
        if (topK < 1 || maxAnswerLen < 1) {
            throw new IllegalArgumentException("top_k and max_answer_len must be ≥ 1 (got top_k " + topK
                    + ", max_answer_len " + maxAnswerLen + ")");
        }
        this.topK = topK;
        this.maxAnswerLen = maxAnswerLen;
    }

    /** Decodes one window; {@code contextMask[p]} says whether position p holds a context token. */
    public WindowSpans decode(float[] startLogits, float[] endLogits, boolean[] contextMask) {
        if (startLogits.length != contextMask.length || endLogits.length != contextMask.length) {
            throw new IllegalArgumentException("start logits, end logits and mask must have one entry per position (got "
                    + startLogits.length + ", " + endLogits.length + ", " + contextMask.length + ")");
        }
        double[] pStart = softmax(startLogits, contextMask);
        double[] pEnd = softmax(endLogits, contextMask);
        return new WindowSpans(best(pStart, pEnd, contextMask), pStart[CLS] * pEnd[CLS]);
    }

    private List<TokenSpan> best(double[] pStart, double[] pEnd, boolean[] contextMask) {
        PriorityQueue<TokenSpan> kept = new PriorityQueue<>(BEST_FIRST.reversed()); // worst kept span on top
        for (int s = 0; s < contextMask.length; s++) {
            if (s == CLS || !contextMask[s]) {
                continue;
            }
            int last = Math.min(contextMask.length, s + maxAnswerLen); // HF: end - start ≤ max_answer_len - 1
            for (int e = s; e < last && contextMask[e]; e++) {
                kept.add(new TokenSpan(s, e, pStart[s] * pEnd[e]));
                if (kept.size() > topK) {
                    kept.poll();
                }
            }
        }
        List<TokenSpan> spans = new ArrayList<>(kept);
        spans.sort(BEST_FIRST);
        return spans;
    }

    /** Softmax over the window; positions neither context nor [CLS] take {@link #MASKED_LOGIT}. */
    static double[] softmax(float[] logits, boolean[] contextMask) {
        double[] p = new double[logits.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            p[i] = contextMask[i] || i == CLS ? logits[i] : MASKED_LOGIT;
            max = Math.max(max, p[i]);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
