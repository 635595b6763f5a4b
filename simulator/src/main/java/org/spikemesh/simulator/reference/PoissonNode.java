package org.spikemesh.simulator.reference;

import org.spikemesh.process.Var;
import org.spikemesh.process.lib.CounterRng;
import org.spikemesh.process.lib.PoissonSource;

/** Draws Bernoulli spikes from the counter-based generator of {@link PoissonSource#fires}. */
final class PoissonNode extends Node {
    private final PoissonSource src;
    private final long seed;
    private final long stream;
    private double[] rate;
    private final SpikeBuffer out;

    PoissonNode(PoissonSource src, long runSeed) {
        super(src);
        this.src = src;
        this.seed = src.seed() != null ? src.seed() : runSeed;
        this.stream = CounterRng.hash(src.name());
        this.rate = src.rate().get();
        this.out = new SpikeBuffer(src.sOut().size());
    }

    @Override
    void step(int step) {
        int n = 0;
        for (int i = 0; i < out.idx.length; i++) {
            if (CounterRng.uniform(seed, stream, i, step) < rate[i]) {
                out.idx[n++] = i;
            }
        }
        out.n = n;
    }

    @Override
    SpikeBuffer spikesOut() {
        return out;
    }

    @Override
    double[] read(Var var) {
        return var.get();
    }

    @Override
    void write(Var var, double[] values) {
        var.set(values);
        var.requireRange(0, 1);
        rate = src.rate().get();
    }
}
