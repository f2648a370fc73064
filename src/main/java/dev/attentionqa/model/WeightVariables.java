package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * Weights held in TF resource variables (one distinct {@code shared_name} each), filled once per session from
 * Java arrays. Constant weights would make every first {@code Session.run} take 9–15 s.
 */
final class WeightVariables {

    private static final String SCOPE = "weights";

    /** One variable waiting to be assigned: its value placeholder, the assign op and the data to feed. */
    private record Pending(Placeholder<TFloat32> value, AssignVariableOp assign, ArrayTensor tensor) {
    }

    private final Ops tf;
    private final List<Pending> pending = new ArrayList<>();

    WeightVariables(Ops tf) {
        this.tf = tf.withSubScope(SCOPE);
    }

    /** Declares a variable named {@code name} holding {@code tensor} and returns the op that reads it. */
    Operand<TFloat32> variable(String name, ArrayTensor tensor) {
        Shape shape = Shape.of(toLongs(tensor.shape()));
        VarHandleOp handle = tf.withName(name).varHandleOp(TFloat32.class, shape, VarHandleOp.sharedName(name));
        Placeholder<TFloat32> value = tf.withName(name + "_value")
                .placeholder(TFloat32.class, Placeholder.shape(shape));
        AssignVariableOp assign = tf.withName(name + "_assign").assignVariableOp(handle, value);
        pending.add(new Pending(value, assign, tensor));
        return tf.withName(name + "_read").readVariableOp(handle, TFloat32.class);
    }

    /** Runs every assign op once, feeding one tensor at a time, then forgets the Java arrays. */
    void assignAll(Session session) {
        for (Pending p : pending) {
            Shape shape = Shape.of(toLongs(p.tensor().shape()));
            try (TFloat32 value = TFloat32.tensorOf(shape, DataBuffers.of(p.tensor().data(), true, false));
                    Result ignored = session.runner().feed(p.value(), value).addTarget(p.assign()).run()) {
                // the assign op has no outputs; the empty Result is closed here
            }
        }
        pending.clear();
    }

    private static long[] toLongs(int[] dims) {
        long[] longs = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longs[i] = dims[i];
        }
        return longs;
    }
}
