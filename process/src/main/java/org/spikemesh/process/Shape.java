package org.spikemesh.process;

import java.util.Arrays;

/** Helpers for shapes (int arrays of dimension sizes, row-major). */
public final class Shape {
    private Shape() {
    }

    /**
     * @param shape dimension sizes
     * @return number of elements
     */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ModelException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new ModelException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
        }
        return (int) n;
    }

    /**
     * @param shape dimension sizes
     * @return text like {@code [3, 4]}
     */
    public static String text(int[] shape) {
        return Arrays.toString(shape);
    }
}
