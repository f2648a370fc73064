package dev.attentionqa.messaging;

/**
 * Per-request options; every field falls back to the deployment's default when absent.
 *
 * @param topK        how many answers to return
 * @param explain     whether to attach an attention explanation
 * @param explanation explanation method name
 * @param topWords    how many context words the explanation keeps
 * @param mode        answer mode: {@code span} (the fact) or {@code sentence} (the sentence holding it)
 * @param allWords    whether the explanation's context words may include stop words and punctuation
 * @param abstain     whether a span answer that does not beat the no-answer score by the margin is withheld
 */
public record RequestOptions(int topK, boolean explain, String explanation, int topWords, String mode, boolean allWords,
                             boolean abstain) {

    /** These options with another explanation method. */
    RequestOptions withExplanation(String method) {
        return new RequestOptions(topK, explain, method, topWords, mode, allWords, abstain);
    }
}
