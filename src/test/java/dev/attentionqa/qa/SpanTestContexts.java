package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

/** Hand-made tokenizations for span tests: one word per token unless pieces are given. */
final class SpanTestContexts {

    private SpanTestContexts() {
    }

    /** Words separated by one space, each word one token with its own word id. */
    static TokenizedText words(String... words) {
        String text = String.join(" ", words);
        int n = words.length;
        long[] ids = new long[n];
        int[] wordIds = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            wordIds[i] = i;
            starts[i] = pos;
            ends[i] = pos + words[i].length();
            pos = ends[i] + 1;
        }
        return new TokenizedText(text, ids, wordIds, starts, ends);
    }

    /** Logits for one window of {@code seq} positions: {@code high} at the sequence position of context token {@code token}. */
    static float[] peak(SpanWindow window, int seq, int token, float high) {
        float[] logits = new float[seq];
        int p = window.contextOffset() + token - window.from();
        if (token >= window.from() && token < window.to()) {
            logits[p] = high;
        }
        return logits;
    }
}
