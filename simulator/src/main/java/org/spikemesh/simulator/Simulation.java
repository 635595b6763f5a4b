package org.spikemesh.simulator;

import java.util.concurrent.TimeUnit;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.simulator.reference.ReferenceBackend;

/**
 * The run API, as Lava's {@code run}/{@code pause}/{@code stop}: run for N steps ({@link #run}) or continuously
 * ({@link #start}) until {@link #pause}; read and write Vars between runs ({@link #get}, {@link #set}).
 * A failure in the background thread is rethrown by the next call on this object. A failed simulation (a run that
 * threw, from a listener or a worker) then refuses to run on and to read or write Vars, on every backend, until it is
 * closed; a closed one refuses them too.
 * <pre>{@code
 * try (Simulation sim = Simulation.reference(ProcessGraph.of(lif1), RunConfig.defaults().probe(lif1.v()))) {
 *     sim.run(50);
 *     double[] v = sim.get(lif1.v());
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
    private final Backend backend;
    private final Object lock = new Object();
    private Thread runner;
    private volatile boolean pauseRequested;
    private volatile Throwable failure;
    /**
     * The first failure of a run, kept after it was thrown: a failed simulation refuses to run on or to read and
     * write Vars, on both backends (the chip engine's workers may have gone past the failed step, so its state is not
     * that of one whole step).
     */
    private volatile Throwable failedWith;
    private volatile int failedAtStep;
    private volatile boolean closed;
    /** the thread inside {@link #run}, or null. */
    private volatile Thread inRun;
    /** set by a close() from a listener: the run closes the simulation when it ends. */
    private volatile boolean closeWhenRunEnds;
    /** set by {@link #close()} from any thread: a {@link #run} in progress ends after the chunk of steps it is in. */
    private volatile boolean stopRequested;
    /** steps a {@link #run} hands the backend at a time, so that {@link #close()} need not wait for the whole run. */
    static final int CHUNK = 1000;

    /**
     * @param backend the backend to drive
     */
    public Simulation(Backend backend) {
        this.backend = backend;
    }

    /**
     * A simulation on the reference backend.
     *
     * @param graph the network
     * @param config arithmetic, seed, probes, listeners
     * @return the simulation
     */
    public static Simulation reference(ProcessGraph graph, RunConfig config) {
        return new Simulation(new ReferenceBackend(graph, config));
    }

    /**
     * A simulation on the reference backend of the network containing {@code p}.
     *
     * @param p any process of the network
     * @param config arithmetic, seed, probes, listeners
     * @return the simulation
     */
    public static Simulation reference(Process p, RunConfig config) {
        return reference(ProcessGraph.of(p), config);
    }

    /**
     * Runs for a number of steps and returns when they are done.
     *
     * @param steps number of steps (&gt;= 0)
     */
    public void run(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        synchronized (lock) {
            requireIdle();
            if ((long) backend.currentStep() + steps > Integer.MAX_VALUE) {
                // the step counter is an int: the chip engine's last step overflowed and it ran nothing
                throw new IllegalArgumentException("run(" + steps + ") from step " + backend.currentStep()
                        + " would pass step " + Integer.MAX_VALUE + ", the last a simulation can reach");
            }
            // in chunks (the results do not depend on how a run is cut): a close() from another thread ends the run
            // after the chunk in progress instead of waiting for all of it
            inRun = Thread.currentThread();
            try {
                for (int done = 0; done < steps; ) {
                    if (stopRequested) {
                        String where = "the simulation was stopped at step " + backend.currentStep() + ", "
                                + (steps - done) + " steps before the end of run(" + steps + ")";
                        closeIfAsked();
                        throw new IllegalStateException(where);
                    }
                    int n = Math.min(CHUNK, steps - done);
                    try {
                        backend.run(n);
                    } catch (Throwable t) {
                        markFailed(t);
                        throw t;
                    }
                    done += n;
                }
                closeIfAsked();
            } finally {
                inRun = null;
            }
        }
    }

    /** Closes the backend when a listener asked for it during the run that is ending (on the run's thread). */
    private void closeIfAsked() {
        if (closeWhenRunEnds && !closed) {
            closed = true;
            backend.close();
        }
    }

    /** Runs continuously in a background thread until {@link #pause()} or {@link #stop()}. */
    public void start() {
        synchronized (lock) {
            requireIdle();
            pauseRequested = false;
            runner = new Thread(this::loop, "spikemesh-run");
            runner.setDaemon(true);
            runner.start();
        }
    }

    private void loop() {
        try {
            while (!pauseRequested) {
                backend.step();
            }
            closeIfAsked();
        } catch (Throwable t) {
            markFailed(t);
            failure = t;
        }
    }

    private void markFailed(Throwable t) {
        if (failedWith == null) {
            failedAtStep = backend.currentStep();
            failedWith = t;
        }
    }

    /** Resumes a paused simulation (same as {@link #start()}). */
    public void resume() {
        start();
    }

    /** Pauses a continuous run after the step in progress; returns when it has stopped. */
    public void pause() {
        synchronized (lock) {
            Thread r = runner;
            if (r != null) {
                pauseRequested = true;
                try {
                    r.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pausing", e);
                }
                runner = null;
            }
            rethrow();
        }
    }

    /** @return true while running continuously */
    public boolean isRunning() {
        Thread r = runner;
        return r != null && r.isAlive();
    }

    /** @return the last completed step */
    public int step() {
        synchronized (lock) {
            return backend.currentStep();
        }
    }

    /**
     * Waits until the continuous run has passed a step (for tests and examples).
     *
     * @param target step to reach
     * @param timeoutMs how long to wait at most
     * @return true when reached
     */
    public boolean awaitStep(int target, long timeoutMs) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < end) {
            if (failure != null) {
                rethrow();
            }
            if (backend.currentStep() >= target) {
                return true;
            }
            Thread.onSpinWait();
            if (!isRunning()) {
                // the run may have ended by a failure between the check above and this one: it is what to report
                rethrow();
                return backend.currentStep() >= target;
            }
        }
        return false;
    }

    /**
     * Reads a Var's current value (pauses first if running continuously).
     *
     * @param var the Var
     * @return its values
     */
    public double[] get(Var var) {
        pause();
        synchronized (lock) {
            requireUsable();
            return backend.read(var);
        }
    }

    /**
     * Writes a Var between runs (one scalar broadcasts).
     *
     * @param var the Var
     * @param values new values
     */
    public void set(Var var, double... values) {
        pause();
        synchronized (lock) {
            requireUsable();
            double[] before = var.get();
            try {
                backend.write(var, values);
            } catch (RuntimeException e) {
                // a refused value (out of range) stayed in the Var: get() read it while the run went on with the old
                // one, and every later write of the process failed on it. Both backends check a value before they load
                // it into their state, so the Var is all there is to put back
                var.set(before);
                throw e;
            }
        }
    }

    /** @return the backend */
    public Backend backend() {
        return backend;
    }

    /**
     * Stops the run and releases the backend; always returns: a {@link #run} in progress on another thread ends after
     * the chunk of at most {@value #CHUNK} steps it is in, with an {@link IllegalStateException} saying where.
     */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        Throwable pending = null;
        // before the lock, which a run() holds: the run ends after its chunk in progress
        stopRequested = true;
        Thread me = Thread.currentThread();
        if (me == runner || me == inRun) {
            // from a listener, on the thread that runs the steps: it cannot wait for its own run to end (the
            // continuous run's thread joined itself for 5 s) nor close the backend under it (each backend failed
            // its run its own way). The run ends after its step (continuous) or chunk (run(n)) and closes then
            pauseRequested = true;
            closeWhenRunEnds = true;
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            pauseRequested = true;
            Thread r = runner;
            if (r != null) {
                try {
                    r.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                runner = null;
            }
            closed = true;
            backend.close();
            pending = failure;
        }
        if (pending != null) {
            failure = null;
            throwUnchecked(pending);
        }
    }

    private void requireIdle() {
        Thread r = runner;
        if (r != null && !r.isAlive() && failure != null) {
            // the continuous run ended by a failure: nothing is running, the failure is what to report
            runner = null;
        }
        if (runner != null && !closed) {
            throw new IllegalStateException("the simulation is running; pause() first");
        }
        requireUsable();
    }

    /** Refuses once closed, or once a run failed (after that failure was thrown once as it was). */
    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException("the simulation was stopped");
        }
        rethrow();
        Throwable f = failedWith;
        if (f != null) {
            throw new IllegalStateException("the simulation failed at step " + failedAtStep + " (" + f
                    + "); its state is not that of a whole step: close it and build a new one", f);
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throwUnchecked(f);
        }
    }

    private static void throwUnchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }
}
