package org.spikemesh.chip;

import java.util.List;

/**
 * The end-of-step synchronisation: time by number of tiles in use, from a table, and its energy per step. With
 * {@code linear} interpolation (the default) the time is interpolated linearly between entries, held constant below the
 * first and extrapolated along the last segment above the last; with {@code step} it is the value of the largest entry
 * at or below the tiles in use (the first entry below the first), as SANA-FE's sync table.
 *
 * @param tiles tile counts, ascending
 * @param timeNs time for each tile count
 * @param energyPj energy per step
 * @param step true for step interpolation, false for linear
 */
public record Barrier(List<Integer> tiles, List<Double> timeNs, double energyPj, boolean step) {
    /**
     * A linearly interpolated table.
     *
     * @param tiles tile counts, ascending
     * @param timeNs time for each tile count
     * @param energyPj energy per step
     */
    public Barrier(List<Integer> tiles, List<Double> timeNs, double energyPj) {
        this(tiles, timeNs, energyPj, false);
    }

    /**
     * @param n tiles in use
     * @return barrier time in ns
     */
    public double timeNs(int n) {
        int k = tiles.size();
        if (k == 1 || n <= tiles.get(0)) {
            return timeNs.get(0);
        }
        if (step) {
            int i = k - 1;
            while (tiles.get(i) > n) {
                i--;
            }
            return timeNs.get(i);
        }
        int i = 1;
        while (i < k - 1 && tiles.get(i) < n) {
            i++;
        }
        double x0 = tiles.get(i - 1);
        double x1 = tiles.get(i);
        double y0 = timeNs.get(i - 1);
        double y1 = timeNs.get(i);
        return y0 + (y1 - y0) * (n - x0) / (x1 - x0);
    }
}
