package dev.attentionqa.model;

import java.util.Arrays;

/** A row-major float array with its shape, free of any native resource. */
public record ArrayTensor(float[] data, int[] shape) {

    /** Checks that the shape's element count matches the data length. */
    public ArrayTensor {
        long count = elementCount(shape);
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " floats (got " + data.length + ")");
        }
    }

    /** The number of elements a shape describes. */
    public static long elementCount(int[] shape) {
        long count = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= dim;
        }
        return count;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** A copy of this 2-D tensor with its two axes swapped: [rows, cols] → [cols, rows]. */
    public ArrayTensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose2d needs a 2-D tensor (got shape "
                    + Arrays.toString(shape) + ")");
        }
        int rows = shape[0];
        int cols = shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new ArrayTensor(out, new int[] {cols, rows});
    }

    @Override
    public String toString() {
        return "ArrayTensor" + Arrays.toString(shape);
    }
}
