package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

/**
 * A text the tokenizer turns into no token at all (e.g. only combining marks or U+FFFD, which BERT's tokenizer
 * drops): there is nothing for the model to read, so the request is refused rather than failing inside the model.
 */
public class NoTokensException extends IllegalArgumentException {

    private final String field;

    public NoTokensException(String field, String text) {
        super("has no token the model can read (the tokenizer drops all " + text.codePointCount(0, text.length())
                + " characters)");
        this.field = field;
    }

    /** {@code question} or {@code context}. */
    public String field() {
        return field;
    }

    /** The tokens, or this exception when there are none. */
    static TokenizedText require(TokenizedText tokens, String field, String text) {
        if (tokens.size() == 0) {
            throw new NoTokensException(field, text);
        }
        return tokens;
    }
}
