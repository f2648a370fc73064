package dev.attentionqa.explain;

/** Reads token weights out of one head-averaged attention matrix {@code [seq(from), seq(to)]}. */
public final class TokenAttention {

    private TokenAttention() {
    }

    /**
     * Attention that tokens {@code [toFrom, toUntil)} receive from the rows {@code [rowFrom, rowUntil)},
     * averaged over those rows: "where did these tokens look?".
     */
    public static double[] received(float[][] attention, int rowFrom, int rowUntil, int toFrom, int toUntil) {
        if (rowUntil <= rowFrom || toUntil <= toFrom) {
            throw new IllegalArgumentException("empty token range (got rows [" + rowFrom + ", " + rowUntil
                    + "), columns [" + toFrom + ", " + toUntil + "))");
        }
        double[] weights = new double[toUntil - toFrom];
        for (int row = rowFrom; row < rowUntil; row++) {
            float[] probs = attention[row];
            for (int col = toFrom; col < toUntil; col++) {
                weights[col - toFrom] += probs[col];
            }
        }
        int rows = rowUntil - rowFrom;
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= rows;
        }
        return weights;
    }
}
