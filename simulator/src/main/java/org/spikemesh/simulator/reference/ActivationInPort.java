package org.spikemesh.simulator.reference;

import java.util.Arrays;

/**
 * Reads an activation InPort: the sum (int32, wrapping as numpy's int32) of all activation sources, plus 1 for each
 * spike of any spike source connected directly.
 */
final class ActivationInPort {
    private final ActivationBuffer[] acts;
    private final SpikeBuffer[] spikes;
    private final int[] sumFixed;
    private final double[] sumFloat;

    ActivationInPort(ActivationBuffer[] acts, SpikeBuffer[] spikes, int size, boolean fixed) {
        this.acts = acts;
        this.spikes = spikes;
        boolean passThrough = acts.length == 1 && spikes.length == 0;
        this.sumFixed = fixed && !passThrough ? new int[size] : null;
        this.sumFloat = !fixed && !passThrough ? new double[size] : null;
    }

    int[] readFixed() {
        if (sumFixed == null) {
            return acts[0].fixed;
        }
        Arrays.fill(sumFixed, 0);
        for (ActivationBuffer a : acts) {
            int[] x = a.fixed;
            for (int i = 0; i < x.length; i++) {
                sumFixed[i] += x[i];
            }
        }
        for (SpikeBuffer s : spikes) {
            for (int k = 0; k < s.n; k++) {
                sumFixed[s.idx[k]] += 1;
            }
        }
        return sumFixed;
    }

    double[] readFloat() {
        if (sumFloat == null) {
            return acts[0].flt;
        }
        Arrays.fill(sumFloat, 0);
        for (ActivationBuffer a : acts) {
            double[] x = a.flt;
            for (int i = 0; i < x.length; i++) {
                sumFloat[i] += x[i];
            }
        }
        for (SpikeBuffer s : spikes) {
            for (int k = 0; k < s.n; k++) {
                sumFloat[s.idx[k]] += 1;
            }
        }
        return sumFloat;
    }
}
