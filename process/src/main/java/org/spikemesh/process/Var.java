package org.spikemesh.process;

import java.util.Arrays;

/**
 * A variable of a process, as Lava's {@code Var}: a shape, integer or float, and its initial value. Values are doubles
 * (exact for every integer the fixed-point models use); backends copy them into their own state at start and write
 * them back on {@code get}. While every value is a whole number that fits, they are held as 16-bit or 32-bit integers
 * instead of 64-bit doubles (the same values: a fixed-point network's weights, the bulk of a large network
 * description, take 2 bytes each instead of 8).
 */
public final class Var {
    private final Process owner;
    private final String name;
    private final int[] shape;
    private final boolean integer;
    /** the values: a short[] or int[] while every value is a whole number that fits (and not -0.0), else a double[]. */
    private Object values;

    Var(Process owner, String name, int[] shape, boolean integer, double[] init) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
        this.integer = integer;
        int n = Shape.size(shape);
        double[] values;
        if (init.length == 1 && n != 1) {
            values = new double[n];
            Arrays.fill(values, init[0]);
        } else if (init.length == n) {
            values = init.clone();
        } else {
            throw ModelException.of(owner.name(), name, "has " + init.length + " values, shape "
                    + Shape.text(shape) + " needs " + n + " (or one scalar to broadcast)");
        }
        if (integer) {
            for (double v : values) {
                if (v != Math.rint(v)) {
                    throw ModelException.of(owner.name(), name, "must be an integer, got " + v);
                }
            }
        }
        this.values = pack(values);
    }

    /** @return the values in the smallest of short[], int[] and the given double[] that holds them exactly */
    private static Object pack(double[] values) {
        boolean shorts = true;
        for (double v : values) {
            if (v != (int) v || v == 0 && Double.doubleToRawLongBits(v) != 0) {
                return values;
            }
            shorts &= v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        }
        if (shorts) {
            short[] s = new short[values.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) values[i];
            }
            return s;
        }
        int[] w = new int[values.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (int) values[i];
        }
        return w;
    }

    /** @return the owning process */
    public Process owner() {
        return owner;
    }

    /** @return the variable's name, e.g. {@code v} */
    public String name() {
        return name;
    }

    /** @return {@code process.var} */
    public String qualifiedName() {
        return owner.name() + "." + name;
    }

    /** @return the shape (a copy) */
    public int[] shape() {
        return shape.clone();
    }

    /** @return number of elements */
    public int size() {
        Object s = values;
        if (s instanceof short[]) {
            return ((short[]) s).length;
        }
        return s instanceof int[] ? ((int[]) s).length : ((double[]) s).length;
    }

    /** @return bytes this Var holds per value: 2 or 4 while its values are whole numbers that fit, else 8 */
    int bytesPerValue() {
        Object s = values;
        return s instanceof short[] ? 2 : s instanceof int[] ? 4 : 8;
    }

    /** @return true when the variable holds integers */
    public boolean isInteger() {
        return integer;
    }

    /** @return the current (initial) values, a copy */
    public double[] get() {
        Object s = values;
        if (s instanceof double[]) {
            return ((double[]) s).clone();
        }
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = get(i);
        }
        return r;
    }

    /**
     * @param i flat index
     * @return one value
     */
    public double get(int i) {
        Object s = values;
        if (s instanceof short[]) {
            return ((short[]) s)[i];
        }
        return s instanceof int[] ? ((int[]) s)[i] : ((double[]) s)[i];
    }

    /** @return true when every element has the same value */
    public boolean isUniform() {
        int n = size();
        if (n == 0) {
            return true;
        }
        double first = get(0);
        for (int i = 1; i < n; i++) {
            if (get(i) != first) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the values (one scalar broadcasts).
     *
     * @param newValues values, flat row-major
     */
    public void set(double... newValues) {
        values = pack(expand(newValues));
    }

    /**
     * @param newValues values for this Var, or one scalar
     * @return a new array of this Var's size: the values, or the scalar broadcast
     * @throws ModelException when the count fits neither
     */
    public double[] expand(double... newValues) {
        int n = size();
        if (newValues.length == n) {
            return newValues.clone();
        }
        if (newValues.length == 1) {
            double[] r = new double[n];
            Arrays.fill(r, newValues[0]);
            return r;
        }
        throw ModelException.of(owner.name(), name, "set with " + newValues.length + " values, shape "
                + Shape.text(shape) + " needs " + n);
    }

    /**
     * Checks that every value lies in [lo, hi].
     *
     * @param lo lowest valid value
     * @param hi highest valid value
     */
    public void requireRange(double lo, double hi) {
        int n = size();
        for (int i = 0; i < n; i++) {
            double v = get(i);
            if (!(v >= lo && v <= hi)) {
                throw ModelException.of(owner.name(), name, "value " + fmt(v) + (n > 1 ? " at index " + i : "")
                        + " is out of range; valid is " + fmt(lo) + ".." + fmt(hi));
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return "Var(" + qualifiedName() + " " + Shape.text(shape) + ")";
    }
}
