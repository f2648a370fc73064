package dev.attentionqa.model.train;

import dev.attentionqa.model.ArrayTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * Float resource variables by name, each read exactly once by the graph (so one gradient per variable) and each with
 * an assign op fed from Java: weights going in, checkpoints coming out.
 */
final class TrainableVariables {

    /** One variable: its handle (for updates), its single read (for the forward pass and gradients), its shape. */
    record Variable(String name, VarHandleOp handle, Operand<TFloat32> read, int[] shape,
                    Placeholder<TFloat32> value, AssignVariableOp assign) {
    }

    private final Ops tf;
    private final Map<String, Variable> variables = new LinkedHashMap<>();

    TrainableVariables(Ops tf, String scope) {
        this.tf = tf.withSubScope(scope);
    }

    /** Declares {@code name} with {@code shape} and returns its read. */
    Operand<TFloat32> declare(String name, int... shape) {
        if (variables.containsKey(name)) {
            throw new IllegalArgumentException("variable declared twice (got " + name + ")");
        }
        Shape s = shapeOf(shape);
        String op = opName(name);
        VarHandleOp handle = tf.withName(op).varHandleOp(TFloat32.class, s, VarHandleOp.sharedName(scopedName(name)));
        Placeholder<TFloat32> value = tf.withName(op + "_value").placeholder(TFloat32.class, Placeholder.shape(s));
        AssignVariableOp assign = tf.withName(op + "_assign").assignVariableOp(handle, value);
        Operand<TFloat32> read = tf.withName(op + "_read").readVariableOp(handle, TFloat32.class);
        variables.put(name, new Variable(name, handle, read, shape.clone(), value, assign));
        return read;
    }

    /** Every variable in declaration order. */
    List<Variable> all() {
        return Collections.unmodifiableList(new ArrayList<>(variables.values()));
    }

    Variable get(String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no such variable (got " + name + ")");
        }
        return v;
    }

    /** Assigns every variable from {@code values}, which must hold each name with its declared shape. */
    void assign(Session session, Map<String, ArrayTensor> values) {
        for (Variable v : variables.values()) {
            ArrayTensor t = values.get(v.name());
            if (t == null) {
                throw new IllegalArgumentException("no value for variable " + v.name() + " (got names " + values.keySet() + ")");
            }
            if (!java.util.Arrays.equals(t.shape(), v.shape())) {
                throw new IllegalArgumentException("variable " + v.name() + " has shape " + java.util.Arrays.toString(v.shape())
                        + " (got " + java.util.Arrays.toString(t.shape()) + ")");
            }
            try (TFloat32 value = TFloat32.tensorOf(shapeOf(t.shape()), DataBuffers.of(t.data(), true, false));
                    Result ignored = session.runner().feed(v.value(), value).addTarget(v.assign()).run()) {
                // the assign op has no outputs
            }
        }
    }

    /** Every variable's current value, copied into Java arrays. */
    Map<String, ArrayTensor> read(Session session) {
        Map<String, ArrayTensor> out = new LinkedHashMap<>();
        for (Variable v : variables.values()) {
            try (Result result = session.runner().fetch(v.read()).run()) {
                Tensor t = result.get(0);
                float[] data = new float[Math.toIntExact(ArrayTensor.elementCount(v.shape()))];
                FloatDataBuffer buffer = ((TFloat32) t).asRawTensor().data().asFloats();
                buffer.read(data);
                out.put(v.name(), new ArrayTensor(data, v.shape().clone()));
            }
        }
        return out;
    }

    private String scopedName(String name) {
        return "train/" + name;
    }

    /** TF op names may not contain every character of HF names; dots are fine, so names stay readable. */
    private static String opName(String name) {
        return name.replace('/', '_');
    }

    static Shape shapeOf(int[] dims) {
        long[] longs = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longs[i] = dims[i];
        }
        return Shape.of(longs);
    }
}
