package org.spikemesh.simulator.learning;

import org.spikemesh.process.lib.CounterRng;

/**
 * The random numbers of stochastic rounding, as Lava draws them: per time step one decay number in [0, 1) and one
 * impulse number in 0..127 for the pre traces and the same for the post traces, shared by all neurons of a learning
 * process; per learning phase one number in [0, 1) for the synaptic variables. Drawn from a counter-based generator
 * keyed by (seed, process, kind, step), so every core and thread that holds a part of the process draws the same.
 */
public final class LearningRandom {
    private final long seed;
    private final long stream;

    /**
     * @param seed the rule's rng_seed, or the run's seed
     * @param process name of the learning process
     */
    public LearningRandom(long seed, String process) {
        this.seed = seed;
        this.stream = CounterRng.hash(process);
    }

    /**
     * @param post false for x traces, true for y traces
     * @param t step
     * @return decay rounding number in [0, 1)
     */
    public double decay(boolean post, int t) {
        return CounterRng.uniform(seed, stream, post ? 2 : 0, t);
    }

    /**
     * @param post false for x traces, true for y traces
     * @param t step
     * @return impulse rounding number in 0..127
     */
    public int impulse(boolean post, int t) {
        return (int) (CounterRng.uniform(seed, stream, post ? 3 : 1, t) * 128);
    }

    /**
     * @param t step of the learning phase
     * @return synaptic-variable rounding number in [0, 1)
     */
    public double synaptic(int t) {
        return CounterRng.uniform(seed, stream, 4, t);
    }
}
