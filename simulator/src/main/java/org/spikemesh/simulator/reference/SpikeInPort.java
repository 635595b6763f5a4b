package org.spikemesh.simulator.reference;

/**
 * Reads a spike InPort: the spikes of all its sources OR-ed (Lava casts spike inputs to bool). With one source the
 * source's buffer is used as it is.
 */
final class SpikeInPort {
    private final SpikeBuffer[] sources;
    private final SpikeBuffer merged;
    private final boolean[] mark;

    SpikeInPort(SpikeBuffer[] sources, int size) {
        this.sources = sources;
        this.merged = sources.length > 1 ? new SpikeBuffer(size) : null;
        this.mark = sources.length > 1 ? new boolean[size] : null;
    }

    SpikeBuffer read() {
        if (sources.length == 0) {
            return EMPTY;
        }
        if (sources.length == 1) {
            return sources[0];
        }
        int n = 0;
        for (SpikeBuffer s : sources) {
            for (int k = 0; k < s.n; k++) {
                mark[s.idx[k]] = true;
            }
        }
        for (int i = 0; i < mark.length; i++) {
            if (mark[i]) {
                merged.idx[n++] = i;
                mark[i] = false;
            }
        }
        merged.n = n;
        return merged;
    }

    private static final SpikeBuffer EMPTY = new SpikeBuffer(0);
}
