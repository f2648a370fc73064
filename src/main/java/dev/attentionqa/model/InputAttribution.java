package dev.attentionqa.model;

/**
 * Integrated-gradients attribution of a span score to each input position (Sundararajan, Taly &amp; Yan 2017).
 *
 * @param tokens        attribution per sequence position (signed; [CLS], [SEP] and padding are 0 with a [PAD] baseline)
 * @param score         the explained score at the input, log p_start + log p_end
 * @param baselineScore the same score at the baseline
 * @param steps         the Riemann steps the path integral was cut into
 */
public record InputAttribution(double[] tokens, double score, double baselineScore, int steps) {

    /** Σ attributions, which completeness says equals {@code score − baselineScore} as steps grow. */
    public double total() {
        double sum = 0;
        for (double a : tokens) {
            sum += a;
        }
        return sum;
    }
}
