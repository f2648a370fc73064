package dev.attentionqa.qa;

/** The few vector operations sentence scoring needs, on plain float arrays. */
final class Vectors {

    private Vectors() {
    }

    static void addScaled(float[] into, float[] v, float scale) {
        for (int i = 0; i < into.length; i++) {
            into[i] += scale * v[i];
        }
    }

    static void normalise(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length (got " + a.length + " and " + b.length + ")");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
