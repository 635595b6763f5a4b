package org.spikemesh.cluster.sweep;

/**
 * The i-th of n slices of a sweep (1-based, as in {@code --shard 2/4}): the points whose index modulo n is i - 1,
 * so slices are disjoint, together hold every point, and each gets a share of every part of the grid.
 *
 * @param i slice number, 1..n
 * @param n number of slices
 */
public record Shard(int i, int n) {
    /** The whole sweep. */
    public static final Shard ALL = new Shard(1, 1);

    /**
     * @param text {@code i/N}
     * @return the slice
     */
    public static Shard parse(String text) {
        String[] p = text.trim().split("/", -1);
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new Shard(i, n);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SweepException("--shard '" + text + "' is not valid; valid is i/N with 1 <= i <= N, e.g. 2/4");
    }

    /**
     * @param index a point's index
     * @return true when the point is in this slice
     */
    public boolean contains(int index) {
        return index % n == i - 1;
    }
}
