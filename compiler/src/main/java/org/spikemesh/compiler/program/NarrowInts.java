package org.spikemesh.compiler.program;

/**
 * Non-negative ints held in 16 bits while every one fits (up to 65 535), else in 32: the axon offsets of a synapse
 * memory and the cores of a route table's slots, which on most chips fit 16 bits and at large scale number about one
 * per synapse.
 */
final class NarrowInts {
    private final char[] narrow;
    private final int[] wide;

    private NarrowInts(char[] narrow, int[] wide) {
        this.narrow = narrow;
        this.wide = wide;
    }

    /**
     * @param values the values (kept, not copied, when one needs 32 bits), or null
     * @return them held in 16 bits when all fit, or null for null
     */
    static NarrowInts of(int[] values) {
        if (values == null) {
            return null;
        }
        boolean fit = true;
        for (int v : values) {
            fit &= v >= 0 && v <= Character.MAX_VALUE;
        }
        if (!fit) {
            return new NarrowInts(null, values);
        }
        char[] n = new char[values.length];
        for (int k = 0; k < n.length; k++) {
            n[k] = (char) values[k];
        }
        return new NarrowInts(n, null);
    }

    int get(int i) {
        return narrow != null ? narrow[i] : wide[i];
    }

    int length() {
        return narrow != null ? narrow.length : wide.length;
    }

    /** @return bytes held: 2 or 4 per value */
    long bytes() {
        return narrow != null ? 2L * narrow.length : 4L * wide.length;
    }
}
