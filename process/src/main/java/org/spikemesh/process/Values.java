package org.spikemesh.process;

import java.util.function.IntToDoubleFunction;

/**
 * A fixed list of numbers, held as compactly as they allow and never changed once made: one value for all when every
 * value is the same, else 16-bit or 32-bit integers while every value is a whole number that fits, else doubles. Every
 * value reads back exactly as given, -0.0 and NaN included. A {@link Var} holds its values in one, and a synapse
 * table hands its weights on in one, so that a large network's weights are not copied into doubles on their way to a
 * backend (CUBA's weights, one value per synapse process: no bytes per synapse instead of 8).
 */
public final class Values {
    private static final Values EMPTY = new Values(0, new double[0]);

    private final int size;
    /** a short[], int[] or double[] of {@link #size} values, or a Double that every value equals. */
    private final Object store;

    private Values(int size, Object store) {
        this.size = size;
        this.store = store;
    }

    /**
     * @param values the values (copied when kept as doubles; the caller may change the array afterwards)
     * @return the values, packed
     */
    public static Values of(double... values) {
        return of(values.length, k -> values[k]);
    }

    /**
     * Packs values given one by one, with no array of doubles in between (each is asked for twice).
     *
     * @param n how many
     * @param value the value at each index, the same on every call
     * @return the values, packed
     */
    public static Values of(int n, IntToDoubleFunction value) {
        if (n == 0) {
            return EMPTY;
        }
        double first = value.applyAsDouble(0);
        long firstBits = Double.doubleToRawLongBits(first);
        boolean same = true;
        boolean whole = true;
        boolean shorts = true;
        for (int k = 0; k < n; k++) {
            double v = value.applyAsDouble(k);
            same &= Double.doubleToRawLongBits(v) == firstBits;
            if (whole && (v != (int) v || v == 0 && Double.doubleToRawLongBits(v) != 0)) {
                whole = false;
            }
            shorts &= v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        }
        if (same) {
            return new Values(n, first);
        }
        if (whole && shorts) {
            short[] s = new short[n];
            for (int k = 0; k < n; k++) {
                s[k] = (short) value.applyAsDouble(k);
            }
            return new Values(n, s);
        }
        if (whole) {
            int[] w = new int[n];
            for (int k = 0; k < n; k++) {
                w[k] = (int) value.applyAsDouble(k);
            }
            return new Values(n, w);
        }
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = value.applyAsDouble(k);
        }
        return new Values(n, d);
    }

    /**
     * @param n how many
     * @param value the value of all of them
     * @return n copies of one value, held once
     */
    public static Values uniform(int n, double value) {
        if (n < 0) {
            throw new IllegalArgumentException("negative size " + n);
        }
        return n == 0 ? EMPTY : new Values(n, value);
    }

    /** @return how many values */
    public int size() {
        return size;
    }

    /**
     * @param k index, 0 .. size - 1
     * @return the value at k
     */
    public double get(int k) {
        Object s = store;
        if (s instanceof short[]) {
            return ((short[]) s)[k];
        }
        if (s instanceof int[]) {
            return ((int[]) s)[k];
        }
        if (s instanceof double[]) {
            return ((double[]) s)[k];
        }
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("index " + k + " of " + size + " values");
        }
        return (Double) s;
    }

    /** @return the values in a new array */
    public double[] toArray() {
        Object s = store;
        if (s instanceof double[]) {
            return ((double[]) s).clone();
        }
        double[] r = new double[size];
        if (s instanceof Double) {
            java.util.Arrays.fill(r, (Double) s);
            return r;
        }
        for (int k = 0; k < size; k++) {
            r[k] = get(k);
        }
        return r;
    }

    /** @return true when every value is the same (held once) */
    public boolean isUniform() {
        return store instanceof Double || size <= 1;
    }

    /** @return the largest absolute value (0 when there are none; NaN when a value is NaN) */
    public double maxAbs() {
        double m = 0;
        for (int k = 0; k < size; k++) {
            m = Math.max(m, Math.abs(get(k)));
        }
        return m;
    }

    /** @return the smallest value (+infinity when there are none) */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            m = Math.min(m, get(k));
        }
        return m;
    }

    /** @return the largest value (-infinity when there are none) */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            m = Math.max(m, get(k));
        }
        return m;
    }

    /** @return bytes held per value: 0 for one value held for all, else 2, 4 or 8 */
    public int bytesPerValue() {
        Object s = store;
        return s instanceof Double ? 0 : s instanceof short[] ? 2 : s instanceof int[] ? 4 : 8;
    }

    @Override
    public String toString() {
        return "Values(" + size + (store instanceof Double ? " x " + store : ", " + bytesPerValue() + " bytes each")
                + ")";
    }
}
