package dev.attentionqa.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Layer normalisation over the last axis (Ba et al. 2016) as graph ops. */
public final class LayerNorm {

    private LayerNorm() {
    }

    /** (x - mean) * rsqrt(var + eps) * gamma + beta; the reciprocal is taken on [rows, 1], not divided per element. */
    public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> gamma, Operand<TFloat32> beta,
                                   double eps) {
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(x, lastAxis, Mean.keepDims(true)); // [rows, 1]
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> inverse = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) eps)));
        Operand<TFloat32> normed = tf.math.mul(centered, inverse);
        return tf.math.add(tf.math.mul(normed, gamma), beta);
    }
}
