package org.spikemesh.simulator;

import java.util.ArrayList;
import java.util.List;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Var;

/**
 * How to run: the arithmetic ({@code fixed_pt} or {@code float_pt}, as Lava's select_tag), one seed for everything
 * random, the Vars to probe, whether to report spikes, and the listeners that receive them.
 */
public final class RunConfig {
    private NumericModel model;
    private long seed = 1;
    private final List<Var> probes = new ArrayList<>();
    private boolean spikes = true;
    private final List<RunListener> listeners = new ArrayList<>();

    /** @return a config with the model taken from the network (fixed_pt when it says nothing), seed 1 */
    public static RunConfig defaults() {
        return new RunConfig();
    }

    /**
     * @param m the arithmetic, or null to take it from the network
     * @return this
     */
    public RunConfig model(NumericModel m) {
        this.model = m;
        return this;
    }

    /**
     * @param s seed for every random process without its own
     * @return this
     */
    public RunConfig seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * @param vars Vars to report after every step
     * @return this
     */
    public RunConfig probe(Var... vars) {
        probes.addAll(List.of(vars));
        return this;
    }

    /**
     * @param on whether spikes are reported to listeners
     * @return this
     */
    public RunConfig recordSpikes(boolean on) {
        this.spikes = on;
        return this;
    }

    /**
     * @param l a listener
     * @return this
     */
    public RunConfig listener(RunListener l) {
        listeners.add(l);
        return this;
    }

    /** @return the model or null */
    public NumericModel model() {
        return model;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return probed Vars */
    public List<Var> probes() {
        return List.copyOf(probes);
    }

    /** @return whether spikes are reported */
    public boolean recordSpikes() {
        return spikes;
    }

    /** @return listeners */
    public List<RunListener> listeners() {
        return List.copyOf(listeners);
    }
}
