package org.spikemesh.simulator;

import org.spikemesh.process.Var;

/**
 * A way of executing a process graph one time step at a time. Not thread-safe: {@link Simulation} calls it from one
 * thread at a time.
 */
public interface Backend extends AutoCloseable {
    /** Advances one time step, calling the listeners. */
    void step();

    /**
     * Advances several steps; backends that run in parallel override it to run them without a handoff per step.
     *
     * @param steps number of steps
     */
    default void run(int steps) {
        for (int i = 0; i < steps; i++) {
            step();
        }
    }

    /** @return the last completed step (0 before the first) */
    int currentStep();

    /**
     * @param var a Var of a process in the graph
     * @return its current values
     */
    double[] read(Var var);

    /**
     * @param var a Var of a process in the graph
     * @param values new values (one scalar broadcasts)
     */
    void write(Var var, double[] values);

    /** Releases threads and buffers; always returns. */
    @Override
    void close();
}
