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

    /** Every element times {@code factor}: folds a constant scale into a weight once, at build time. */
    public ArrayTensor scaled(float factor) {
        float[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return new ArrayTensor(out, shape);
    }

    /** Rank-2 tensors of equal row count side by side: [r, c1] ++ [r, c2] ++ … → [r, c1 + c2 + …]. */
    public static ArrayTensor concatColumns(ArrayTensor... parts) {
        int rows = parts[0].dim(0);
        int cols = 0;
        for (ArrayTensor p : parts) {
            if (p.rank() != 2 || p.dim(0) != rows) {
                throw new IllegalArgumentException("concatColumns needs rank-2 parts with " + rows + " rows, got "
                        + Arrays.toString(p.shape()));
            }
            cols += p.dim(1);
        }
        float[] out = new float[rows * cols];
        int offset = 0;
        for (ArrayTensor p : parts) {
            int c = p.dim(1);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(p.data(), r * c, out, r * cols + offset, c);
            }
            offset += c;
        }
        return new ArrayTensor(out, new int[] {rows, cols});
    }

    /** This 2-D tensor followed by {@code extra} rows of zeros: [r, c] → [r + extra, c]. */
    public ArrayTensor withZeroRows(int extra) {
        if (shape.length != 2 || extra < 0) {
            throw new IllegalArgumentException("withZeroRows needs a 2-D tensor and extra >= 0 (got shape "
                    + Arrays.toString(shape) + ", extra " + extra + ")");
        }
        return new ArrayTensor(Arrays.copyOf(data, Math.multiplyExact(shape[0] + extra, shape[1])),
                new int[] {shape[0] + extra, shape[1]});
    }

    /** Rank-1 tensors one after the other. */
    public static ArrayTensor concat1d(ArrayTensor... parts) {
        int n = 0;
        for (ArrayTensor p : parts) {
            n += p.data().length;
        }
        float[] out = new float[n];
        int offset = 0;
        for (ArrayTensor p : parts) {
            System.arraycopy(p.data(), 0, out, offset, p.data().length);
            offset += p.data().length;
        }
        return new ArrayTensor(out, new int[] {n});
    }

    /** A copy of the block that starts at {@code starts} and has the shape {@code sizes} (same rank as this). */
    public ArrayTensor crop(int[] starts, int[] sizes) {
        if (starts.length != shape.length || sizes.length != shape.length) {
            throw new IllegalArgumentException("crop needs " + shape.length + " starts and sizes (got "
                    + Arrays.toString(starts) + ", " + Arrays.toString(sizes) + ")");
        }
        for (int axis = 0; axis < shape.length; axis++) {
            if (starts[axis] < 0 || sizes[axis] < 0 || starts[axis] + sizes[axis] > shape[axis]) {
                throw new IndexOutOfBoundsException("crop " + Arrays.toString(starts) + " + " + Arrays.toString(sizes)
                        + " outside shape " + Arrays.toString(shape));
            }
        }
        float[] out = new float[Math.toIntExact(elementCount(sizes))];
        copyBlock(0, 0, starts, sizes, out, new int[] {0});
        return new ArrayTensor(out, sizes.clone());
    }

    /** Copies axis {@code axis} onwards of the block; the last axis is contiguous in both arrays. */
    private void copyBlock(int axis, int offset, int[] starts, int[] sizes, float[] out, int[] written) {
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        if (axis == shape.length - 1) {
            System.arraycopy(data, offset + starts[axis], out, written[0], sizes[axis]);
            written[0] += sizes[axis];
            return;
        }
        for (int i = 0; i < sizes[axis]; i++) {
            copyBlock(axis + 1, offset + (starts[axis] + i) * stride, starts, sizes, out, written);
        }
    }

    @Override
    public String toString() {
        return "ArrayTensor" + Arrays.toString(shape);
    }
}
