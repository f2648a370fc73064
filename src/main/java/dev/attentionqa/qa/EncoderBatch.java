package dev.attentionqa.qa;

import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.tokenize.SpecialTokens;

import java.util.List;

/**
 * Pads token sequences into one encoder input: {@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]} (RoBERTa:
 * {@code <s> a </s></s> b </s>}), then [PAD].
 */
final class EncoderBatch {

    private EncoderBatch() {
    }

    /** One sequence per element of {@code first} (and of {@code second} when not null). */
    static EncoderInput of(List<long[]> first, List<long[]> second, SpecialTokens special) {
        int batch = first.size();
        int seq = 0;
        for (int b = 0; b < batch; b++) {
            seq = Math.max(seq, length(first.get(b), second == null ? null : second.get(b), special));
        }
        long[][] ids = new long[batch][seq];
        long[][] mask = new long[batch][seq];
        long[][] types = new long[batch][seq];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(ids[b], special.pad());
            int pos = 0;
            ids[b][pos++] = special.cls();
            pos = copy(first.get(b), ids[b], pos);
            ids[b][pos++] = special.sep();
            int secondStart = pos;
            if (second != null) {
                if (special.doubleSeparator()) {
                    ids[b][pos++] = special.sep();
                }
                pos = copy(second.get(b), ids[b], pos);
                ids[b][pos++] = special.sep();
            }
            java.util.Arrays.fill(mask[b], 0, pos, 1L);
            java.util.Arrays.fill(types[b], secondStart, pos, second == null ? 0L : special.secondSegment());
        }
        return new EncoderInput(ids, mask, types);
    }

    /** Length with special tokens. */
    static int length(long[] first, long[] second, SpecialTokens special) {
        return second == null ? first.length + 2 : first.length + second.length + special.pairOverhead();
    }

    private static int copy(long[] tokens, long[] into, int pos) {
        System.arraycopy(tokens, 0, into, pos, tokens.length);
        return pos + tokens.length;
    }
}
