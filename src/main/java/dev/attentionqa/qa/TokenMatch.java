package dev.attentionqa.qa;

/**
 * Token-level sentence score (in the spirit of BERTScore's recall): for every question token, its best cosine
 * against the sentence's contextual token vectors; the score is the mean over question tokens.
 */
public final class TokenMatch {

    private TokenMatch() {
    }

    /**
     * @param question unit vectors of the question's tokens
     * @param context  unit vectors of the context's tokens
     * @param from     first context token of the sentence
     * @param to       one past its last token
     */
    public static double score(float[][] question, float[][] context, int from, int to) {
        double[] weights = new double[question.length];
        java.util.Arrays.fill(weights, 1);
        return score(question, weights, context, from, to);
    }

    /** The same with a weight per question token: the score is the weighted mean of best cosines. */
    public static double score(float[][] question, double[] weights, float[][] context, int from, int to) {
        if (weights.length != question.length) {
            throw new IllegalArgumentException("one weight per question token needed (got " + weights.length
                    + " for " + question.length + ")");
        }
        double sum = 0;
        double total = 0;
        for (int i = 0; i < question.length; i++) {
            if (weights[i] <= 0 || to <= from) {
                continue;
            }
            double best = -1;
            for (int t = from; t < to; t++) {
                best = Math.max(best, Vectors.dot(question[i], context[t]));
            }
            sum += weights[i] * best;
            total += weights[i];
        }
        return total > 0 ? sum / total : 0;
    }
}
