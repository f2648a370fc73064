package dev.attentionqa.explain;

import java.util.List;

/**
 * Bounds the JSON size of an explanation: question words (in text order) may use half of the budget, context
 * words (heaviest first) what is left; lists are cut, never single words. Sizes are upper bounds of Jackson's
 * output: every character counted as its escaped UTF-8 form, every weight as 24 characters.
 */
public final class ExplanationBudget {

    /** The default bound of one explanation's JSON, in bytes. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;
    /** {@code {"method":"","layers":[],"question":[],"context":[]}} and some slack. */
    private static final int ENVELOPE_BYTES = 64;
    /** {@code {"word":"","start":,"end":,"weight":}} and a comma. */
    private static final int WORD_ENVELOPE_BYTES = 38;
    /** The longest double Jackson writes, e.g. {@code -1.2345678901234567E-100}. */
    private static final int NUMBER_BYTES = 24;

    private ExplanationBudget() {
    }

    /** {@code explanation} itself when it fits in {@code maxBytes}, else with its word lists cut to fit. */
    public static Explanation fit(Explanation explanation, int maxBytes) {
        int fixed = ENVELOPE_BYTES + jsonBytes(explanation.method()) + 12 * explanation.layers().size();
        if (maxBytes < fixed) {
            throw new IllegalArgumentException("an explanation needs at least " + fixed + " bytes (got " + maxBytes + ")");
        }
        int room = maxBytes - fixed;
        int questionCount = fitting(explanation.question(), room / 2);
        int questionBytes = bytes(explanation.question().subList(0, questionCount));
        int contextCount = fitting(explanation.context(), room - questionBytes);
        if (questionCount == explanation.question().size() && contextCount == explanation.context().size()) {
            return explanation;
        }
        return new Explanation(explanation.method(), explanation.layers(),
                List.copyOf(explanation.question().subList(0, questionCount)),
                List.copyOf(explanation.context().subList(0, contextCount)));
    }

    /** An upper bound of one word's JSON size, comma included. */
    public static int wordBytes(WordWeight w) {
        return WORD_ENVELOPE_BYTES + jsonBytes(w.word()) + Integer.toString(w.start()).length()
                + Integer.toString(w.end()).length() + NUMBER_BYTES;
    }

    private static int fitting(List<WordWeight> words, int budget) {
        int used = 0;
        for (int i = 0; i < words.size(); i++) {
            used += wordBytes(words.get(i));
            if (used > budget) {
                return i;
            }
        }
        return words.size();
    }

    private static int bytes(List<WordWeight> words) {
        return words.stream().mapToInt(ExplanationBudget::wordBytes).sum();
    }

    /** UTF-8 bytes of a JSON string body: control characters as a six-character escape, quote and backslash doubled. */
    static int jsonBytes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                n += 6;
            } else if (c == '"' || c == '\\' || c < 0x80) {
                n += c == '"' || c == '\\' ? 2 : 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                n += Character.isSurrogate(c) ? 3 : 2; // a surrogate pair is 4 bytes: 2 × 3 is an upper bound
            } else {
                n += 3;
            }
        }
        return n;
    }
}
