package org.spikemesh.process.nir;

import java.util.Arrays;
import org.spikemesh.process.Shape;

/**
 * A numeric parameter of a NIR node: its shape (empty for a scalar) and its values, flat and row-major, as doubles.
 *
 * @param shape dimension sizes, empty for a scalar
 * @param values flat values
 */
public record NirArray(int[] shape, double[] values) {
    /**
     * @param shape dimension sizes
     * @param values flat values
     */
    public NirArray {
        shape = shape.clone();
        values = values.clone();
    }

    /**
     * @param x a scalar
     * @return a scalar array
     */
    public static NirArray scalar(double x) {
        return new NirArray(new int[0], new double[]{x});
    }

    /** @return number of values */
    public int size() {
        return values.length;
    }

    /** @return the shape (a copy) */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the values (a copy) */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * @param i flat index
     * @return one value
     */
    public double get(int i) {
        return values[i];
    }

    /** @return the values as ints (rounded toward zero) */
    public int[] ints() {
        int[] r = new int[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) values[i];
        }
        return r;
    }

    /** @return the shape as text, e.g. {@code [38, 12]} */
    public String shapeText() {
        return Shape.text(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirArray && Arrays.equals(shape, ((NirArray) o).shape)
                && Arrays.equals(values, ((NirArray) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NirArray" + shapeText();
    }
}
