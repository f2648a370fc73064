package dev.attentionqa.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020) as graph ops, so that only [batch, seq, seq] leaves the session:
 * R = A_L · … · A_1 with A = 0.5·W + 0.5·I, W a layer's head-averaged attention with rows renormalised.
 * TF prunes it from runs that do not fetch it. The tests' {@code explain.AttentionRollout} is its plain-Java reference.
 */
final class RolloutGraph {

    private RolloutGraph() {
    }

    /** Rollout of {@code meanProbs} ([batch, seq, seq] per layer, first layer first); {@code seq} is the length. */
    static Operand<TFloat32> build(Ops tf, Operand<TInt32> seq, List<Operand<TFloat32>> meanProbs) {
        Operand<TInt32> positions = tf.range(tf.constant(0), seq, tf.constant(1)); // [seq]
        Operand<TFloat32> halfEye = tf.math.mul(tf.dtypes.cast(tf.math.equal(tf.expandDims(positions, tf.constant(1)),
                tf.expandDims(positions, tf.constant(0))), TFloat32.class), tf.constant(0.5f)); // [seq, seq]
        Operand<TFloat32> rollout = null;
        for (Operand<TFloat32> w : meanProbs) {
            Operand<TFloat32> rowSums = tf.reduceSum(w, tf.constant(-1), ReduceSum.keepDims(true)); // [batch, seq, 1]
            Operand<TFloat32> mixed = tf.math.add(tf.math.mul(tf.math.divNoNan(w, rowSums), tf.constant(0.5f)),
                    halfEye); // [batch, seq, seq]
            rollout = rollout == null ? mixed : tf.train.batchMatMul(mixed, rollout, TFloat32.class); // [batch, seq, seq]
        }
        return rollout;
    }
}
