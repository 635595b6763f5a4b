package org.spikemesh.process.lib;

import org.spikemesh.process.ModelException;
import org.spikemesh.process.OutPort;
import org.spikemesh.process.Port;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;

/**
 * Independent Bernoulli (discrete Poisson) spike trains: neuron i fires at step t with probability {@code rate[i]}
 * (spikes per step, 0..1). Draws are a pure function of the seed, the process name, the neuron and the step
 * ({@link CounterRng}), so they do not depend on the backend or the thread count. The seed is the process's own
 * when given, else the run's.
 */
public final class PoissonSource extends Process {
    /** Type name in network files. */
    public static final String TYPE = "PoissonSource";

    private final OutPort sOut;
    private final Var rate;
    private final Long seed;

    private PoissonSource(String name, int[] shape, double[] rate, Long seed) {
        super(name);
        this.sOut = addOutPort("s_out", shape, Port.Kind.SPIKE);
        this.rate = addVar("rate", shape, false, rate);
        this.rate.requireRange(0, 1);
        this.seed = seed;
        if (sOut.size() == 0) {
            throw ModelException.of(name, "shape", "must have at least one neuron");
        }
    }

    /**
     * @param name process name
     * @param shape shape
     * @param ratePerStep spike probability per step (scalar or per neuron)
     * @param seed own seed, or null to use the run's
     * @return the process
     */
    public static PoissonSource of(String name, int[] shape, double[] ratePerStep, Long seed) {
        return new PoissonSource(name, shape, ratePerStep, seed);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return spike output */
    public OutPort sOut() {
        return sOut;
    }

    /** @return spike probability per step */
    public Var rate() {
        return rate;
    }

    /** @return own seed or null */
    public Long seed() {
        return seed;
    }

    /**
     * @param runSeed the run's seed
     * @param neuron index
     * @param step time step
     * @return whether the neuron fires
     */
    public boolean fires(long runSeed, int neuron, int step) {
        long s = seed != null ? seed : runSeed;
        return CounterRng.uniform(s, CounterRng.hash(name()), neuron, step) < rate.get(neuron);
    }
}
