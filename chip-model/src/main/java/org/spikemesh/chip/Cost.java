package org.spikemesh.chip;

/**
 * The cost of one event.
 *
 * @param energyPj energy in picojoules
 * @param timeNs time in nanoseconds
 */
public record Cost(double energyPj, double timeNs) {
    /**
     * @param n number of events
     * @return energy of n events in pJ
     */
    public double energyOf(long n) {
        return energyPj * n;
    }
}
