package org.spikemesh.process;

import java.util.Arrays;

/**
 * A variable of a process, as Lava's {@code Var}: a shape, integer or float, and its initial value. Values are doubles
 * (exact for every integer the fixed-point models use); backends copy them into their own state at start and write
 * them back on {@code get}. They are held in a {@link Values}: once while all are the same, else as 16-bit or 32-bit
 * integers while every value is a whole number that fits, else as doubles (the same values: a fixed-point network's
 * weights, the bulk of a large network description, take 2 bytes each instead of 8, or none when one value serves
 * them all).
 */
public final class Var {
    private final Process owner;
    private final String name;
    private final int[] shape;
    private final boolean integer;
    /** the values, packed (see {@link Values}); replaced whole on {@link #set}, never changed in place. */
    private Values values;

    Var(Process owner, String name, int[] shape, boolean integer, double[] init) {
        this(owner, name, shape, integer, packed(owner, name, shape, init));
    }

    /**
     * @param init the values, already packed and as many as the shape holds
     */
    Var(Process owner, String name, int[] shape, boolean integer, Values init) {
        this.owner = owner;
        this.name = name;
        this.shape = shape.clone();
        this.integer = integer;
        if (init.size() != Shape.size(shape)) {
            throw ModelException.of(owner.name(), name, "has " + init.size() + " values, shape "
                    + Shape.text(shape) + " needs " + Shape.size(shape));
        }
        if (integer) {
            // one value held for all is checked once
            for (int i = 0, n = init.isUniform() ? Math.min(1, init.size()) : init.size(); i < n; i++) {
                double v = init.get(i);
                if (v != Math.rint(v)) {
                    throw ModelException.of(owner.name(), name, "must be an integer, got " + v);
                }
            }
        }
        this.values = init;
    }

    /** @return init packed: one scalar broadcast to the shape, or as many values as it holds */
    private static Values packed(Process owner, String name, int[] shape, double[] init) {
        int n = Shape.size(shape);
        if (init.length == 1 && n != 1) {
            return Values.uniform(n, init[0]);
        }
        if (init.length != n) {
            throw ModelException.of(owner.name(), name, "has " + init.length + " values, shape "
                    + Shape.text(shape) + " needs " + n + " (or one scalar to broadcast)");
        }
        return Values.of(init);
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
        return values.size();
    }

    /** @return bytes held per value: 0 while all are one value, 2 or 4 while whole numbers that fit, else 8 */
    int bytesPerValue() {
        return values.bytesPerValue();
    }

    /** @return true when the variable holds integers */
    public boolean isInteger() {
        return integer;
    }

    /** @return the current (initial) values, a copy */
    public double[] get() {
        return values.toArray();
    }

    /** @return the current (initial) values as held, without a copy (never changed: {@link #set} replaces them) */
    public Values values() {
        return values;
    }

    /**
     * @param i flat index
     * @return one value
     */
    public double get(int i) {
        return values.get(i);
    }

    /** @return true when every element has the same value */
    public boolean isUniform() {
        if (values.isUniform()) {
            return true;
        }
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
        int n = size();
        if (newValues.length == 1) {
            values = Values.uniform(n, newValues[0]);
        } else if (newValues.length == n) {
            values = Values.of(newValues); // packed straight from the caller's array, which Values does not keep
        } else {
            throw countError(newValues.length);
        }
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
        throw countError(newValues.length);
    }

    private ModelException countError(int given) {
        return ModelException.of(owner.name(), name, "set with " + given + " values, shape " + Shape.text(shape)
                + " needs " + size());
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
