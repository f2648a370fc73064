package dev.attentionqa.qa;

/** The context holds no sentence with words in it, so there is nothing to answer from. */
public class NoSentenceException extends IllegalArgumentException {

    public NoSentenceException(String context) {
        super("context has no sentence with at least two letters (got " + context.length() + " characters)");
    }
}
