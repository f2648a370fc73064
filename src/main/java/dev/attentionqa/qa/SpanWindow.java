package dev.attentionqa.qa;

/**
 * One encoder sequence {@code [CLS] question [SEP] context[from, to) [SEP]}: context tokens {@code [from, to)}
 * sit at sequence positions {@code contextOffset …}; everything else is question, special token or padding.
 */
public record SpanWindow(int from, int to, int contextOffset) {

    /** Number of context tokens in this window. */
    public int contextLength() {
        return to - from;
    }

    /** Tokens in the whole sequence: special tokens, question and this window's context, before padding. */
    public int sequenceLength() {
        return contextOffset + contextLength() + 1;
    }

    /** Whether sequence position {@code p} holds a context token (HF's p_mask 0, [CLS] aside). */
    public boolean isContext(int p) {
        return p >= contextOffset && p < contextOffset + contextLength();
    }

    /** Index, in the whole context's tokens, of the context token at sequence position {@code p}. */
    public int contextToken(int p) {
        if (!isContext(p)) {
            throw new IndexOutOfBoundsException("position " + p + " is not a context token of this window, which spans ["
                    + contextOffset + ", " + (contextOffset + contextLength()) + ") (got " + p + ")");
        }
        return from + p - contextOffset;
    }

    /** True where an answer may start or end, for a sequence padded to {@code seqLength}. */
    public boolean[] contextMask(int seqLength) {
        boolean[] mask = new boolean[seqLength];
        for (int p = contextOffset; p < Math.min(seqLength, contextOffset + contextLength()); p++) {
            mask[p] = true;
        }
        return mask;
    }
}
