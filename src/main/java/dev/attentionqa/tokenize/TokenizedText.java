package dev.attentionqa.tokenize;

/**
 * One text split into word pieces, without special tokens: ids, the word each piece belongs to, and
 * character offsets into {@link #text()} as UTF-16 code units (Java {@code String} indices).
 */
public record TokenizedText(String text, long[] ids, int[] wordIds, int[] starts, int[] ends) {

    public TokenizedText {
        if (ids.length != wordIds.length || ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, wordIds, starts and ends must have one entry per token (got "
                    + ids.length + ", " + wordIds.length + ", " + starts.length + ", " + ends.length + ")");
        }
    }

    public int size() {
        return ids.length;
    }

    /**
     * Tokens [from, to) as their own text view; offsets still index the original text. A range past the end throws
     * ({@code copyOfRange} alone would pad with id 0, [PAD], silently).
     */
    public TokenizedText slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, ids.length);
        return new TokenizedText(text,
                java.util.Arrays.copyOfRange(ids, from, to),
                java.util.Arrays.copyOfRange(wordIds, from, to),
                java.util.Arrays.copyOfRange(starts, from, to),
                java.util.Arrays.copyOfRange(ends, from, to));
    }
}
