package org.spikemesh.process;

import java.util.Arrays;

/**
 * A variable of a process, as Lava's {@code Var}: a shape, integer or float, and its initial value. Values are kept
 * as doubles (exact for every integer the fixed-point models use); backends copy them into their own state at start
 * and write them back on {@code get}.
 */
public final class Var {
    private final Process owner;
    private final String name;
    private final int[] shape;
    private final boolean integer;
    private final double[] values;

    Var(Process owner, String name, int[] shape, boolean integer, double[] init) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
        this.integer = integer;
        int n = Shape.size(shape);
        if (init.length == 1 && n != 1) {
            this.values = new double[n];
            Arrays.fill(values, init[0]);
        } else if (init.length == n) {
            this.values = init.clone();
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
        return values.length;
    }

    /** @return true when the variable holds integers */
    public boolean isInteger() {
        return integer;
    }

    /** @return the current (initial) values, a copy */
    public double[] get() {
        return values.clone();
    }

    /**
     * @param i flat index
     * @return one value
     */
    public double get(int i) {
        return values[i];
    }

    /** @return true when every element has the same value */
    public boolean isUniform() {
        for (double v : values) {
            if (v != values[0]) {
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
        System.arraycopy(expand(newValues), 0, values, 0, values.length);
    }

    /**
     * @param newValues values for this Var, or one scalar
     * @return a new array of this Var's size: the values, or the scalar broadcast
     * @throws ModelException when the count fits neither
     */
    public double[] expand(double... newValues) {
        if (newValues.length == values.length) {
            return newValues.clone();
        }
        if (newValues.length == 1) {
            double[] r = new double[values.length];
            Arrays.fill(r, newValues[0]);
            return r;
        }
        throw ModelException.of(owner.name(), name, "set with " + newValues.length + " values, shape "
                + Shape.text(shape) + " needs " + values.length);
    }

    /**
     * Checks that every value lies in [lo, hi].
     *
     * @param lo lowest valid value
     * @param hi highest valid value
     */
    public void requireRange(double lo, double hi) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= lo && v <= hi)) {
                throw ModelException.of(owner.name(), name, "value " + fmt(v) + (values.length > 1 ? " at index " + i : "")
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
