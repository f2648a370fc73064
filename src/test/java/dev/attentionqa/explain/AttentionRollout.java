package dev.attentionqa.explain;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020, "Quantifying Attention Flow in Transformers"): per layer
 * {@code A = 0.5·W + 0.5·I} with {@code W} the head-averaged attention, rows renormalised to 1; then
 * {@code R = A_L · … · A_1}. Row {@code i} of {@code R} says how much each input token flows into token
 * {@code i} at the top. The reference implementation; the graph computes the same ({@code BertGraph.ROLLOUT}).
 */
public final class AttentionRollout {

    private AttentionRollout() {
    }

    /** The full rollout matrix {@code [seq][seq]} of head-averaged attention {@code [layers][seq][seq]}, first layer first. */
    public static float[][] rollout(float[][][] meanAttention) {
        requireLayers(meanAttention);
        double[][] r = mixed(meanAttention[0]);
        for (int layer = 1; layer < meanAttention.length; layer++) {
            r = multiply(mixed(meanAttention[layer]), r); // R = A_layer · R
        }
        return toFloat(r);
    }

    /**
     * Only rows {@code [from, until)} of the rollout, propagated top-down as row vectors: {@code e_i · A_L · … · A_1}.
     * Costs {@code rows × seq² × layers} instead of {@code seq³ × layers}.
     */
    public static float[][] rows(float[][][] meanAttention, int from, int until) {
        requireLayers(meanAttention);
        int seq = meanAttention[0].length;
        if (from < 0 || until > seq || until <= from) {
            throw new IllegalArgumentException("rows must be a non-empty range inside [0, " + seq + ") (got [" + from
                    + ", " + until + "))");
        }
        double[][] v = new double[until - from][seq];
        for (int i = from; i < until; i++) {
            v[i - from][i] = 1;
        }
        for (int layer = meanAttention.length - 1; layer >= 0; layer--) {
            v = multiply(v, mixed(meanAttention[layer])); // v = v · A_layer
        }
        return toFloat(v);
    }

    /** {@code 0.5·W + 0.5·I}, with each row of {@code W} renormalised to sum to 1. */
    static double[][] mixed(float[][] w) {
        int seq = w.length;
        double[][] a = new double[seq][seq];
        for (int i = 0; i < seq; i++) {
            if (w[i].length != seq) {
                throw new IllegalArgumentException("attention must be square (got row " + i + " of length "
                        + w[i].length + " in a " + seq + "-row matrix)");
            }
            double sum = 0;
            for (float x : w[i]) {
                sum += x;
            }
            for (int j = 0; j < seq; j++) {
                a[i][j] = 0.5 * (sum > 0 ? w[i][j] / sum : 0);
            }
            a[i][i] += 0.5;
        }
        return a;
    }

    /** {@code x · y} for {@code x [n][k]}, {@code y [k][m]}. */
    static double[][] multiply(double[][] x, double[][] y) {
        int m = y[0].length;
        double[][] out = new double[x.length][m];
        for (int i = 0; i < x.length; i++) {
            double[] row = out[i];
            for (int k = 0; k < y.length; k++) {
                double xik = x[i][k];
                if (xik == 0) {
                    continue;
                }
                double[] yk = y[k];
                for (int j = 0; j < m; j++) {
                    row[j] += xik * yk[j];
                }
            }
        }
        return out;
    }

    private static void requireLayers(float[][][] meanAttention) {
        if (meanAttention.length == 0 || meanAttention[0].length == 0) {
            throw new IllegalArgumentException("rollout needs at least one layer of a non-empty sequence (got "
                    + meanAttention.length + " layers)");
        }
    }

    private static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) x[i][j];
            }
        }
        return out;
    }
}
