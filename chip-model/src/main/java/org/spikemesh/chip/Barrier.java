package org.spikemesh.chip;

import java.util.List;

/**
 * The end-of-step synchronisation: time by number of tiles in use (a table, linearly interpolated between entries,
 * held constant below the first and extrapolated along the last segment above the last), and its energy per step.
 *
 * @param tiles tile counts, ascending
 * @param timeNs time for each tile count
 * @param energyPj energy per step
 */
public record Barrier(List<Integer> tiles, List<Double> timeNs, double energyPj) {
    /**
     * @param n tiles in use
     * @return barrier time in ns
     */
    public double timeNs(int n) {
        int k = tiles.size();
        if (k == 1 || n <= tiles.get(0)) {
            return timeNs.get(0);
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
