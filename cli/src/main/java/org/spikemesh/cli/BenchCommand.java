package org.spikemesh.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.process.lib.Synapses;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.reference.ReferenceBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikemesh bench}: macro benchmarks that print events per second and neuron-steps per second. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Macro benchmarks (CUBA network, Brian2's benchmark, in Loihi fixed point).",
        subcommands = {BenchCommand.Reference.class, BenchCuba.class, BenchCompile.class, BenchLearning.class,
            BenchMultichip.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Refuses, before anything is built, a CUBA size, step count or repetition count a bench cannot measure (no steps
     * or no repetitions would print figures divided by zero).
     *
     * @param neurons --neurons
     * @param steps --steps
     * @param repeat --repeat
     */
    static void checkRunOptions(int neurons, int steps, int repeat) {
        if (neurons < 100) {
            throw new IllegalArgumentException("--neurons must be at least 100 (CUBA's smallest network), got "
                    + neurons);
        }
        if (steps < 1 || repeat < 1) {
            throw new IllegalArgumentException("--steps and --repeat must be at least 1, got " + steps + " and "
                    + repeat);
        }
    }

    /** CUBA on the reference backend, single thread. */
    @Command(name = "reference", mixinStandardHelpOptions = true,
            description = "CUBA on the reference backend (one thread): neuron-steps/s, synaptic events/s, bytes per synapse.")
    public static final class Reference implements Callable<Integer> {
        @Option(names = "--neurons", defaultValue = "4000", description = "N (default 4000)")
        int neurons;

        @Option(names = "--steps", defaultValue = "10000", description = "time steps (default 10000 = 1 s at 0.1 ms)")
        int steps;

        @Option(names = "--seed", defaultValue = "1", description = "network seed")
        long seed;

        @Option(names = "--repeat", defaultValue = "3", description = "timed repetitions (median is reported)")
        int repeat;

        @Option(names = {"-q", "--quiet"}, description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() {
            checkRunOptions(neurons, steps, repeat);
            long t0 = System.nanoTime();
            ProcessGraph g = Cuba.build(neurons, seed).graph();
            double buildS = (System.nanoTime() - t0) / 1e9;
            int[] outDegree = new int[neurons];
            long synapses = outDegrees(g, outDegree);
            double[] secs = new double[repeat];
            double[] synapseSecs = new double[repeat];
            double[] neuronSecs = new double[repeat];
            long[] counts = new long[2];
            for (int rep = 0; rep < repeat; rep++) {
                ReferenceBackend backend = timedRepetition(rep, outDegree, counts, secs);
                synapseSecs[rep] = backend.synapseNanos() / 1e9;
                neuronSecs[rep] = backend.neuronNanos() / 1e9;
            }
            double med = RepetitionFigures.median(secs);
            double synapseS = RepetitionFigures.median(synapseSecs);
            double neuronS = RepetitionFigures.median(neuronSecs);
            long spikes = counts[0];
            long events = counts[1];
            double neuronSteps = (double) neurons * steps;
            double rateHz = spikes / (double) neurons / (steps * 1e-4);
            System.out.printf(Locale.ROOT, "CUBA N=%d, %d steps, %d synapses (build %.2f s), reference backend, 1 thread%n",
                    neurons, steps, synapses, buildS);
            System.out.printf(Locale.ROOT, "  loop %.3f s (median of %d): %d spikes (%.1f Hz), %d synaptic events%n",
                    med, repeat, spikes, rateHz, events);
            System.out.printf(Locale.ROOT, "  %.1f M neuron-steps/s, %.2f ns per neuron-step%n",
                    neuronSteps / med / 1e6, med * 1e9 / neuronSteps);
            System.out.printf(Locale.ROOT, "  synaptic tables: 6 bytes per synapse (int32 target + int16 weight)%n");
            System.out.printf(Locale.ROOT, "  phases (medians, timed apart): neurons %.3f s (%.1f M neuron-steps/s),"
                    + " synaptic delivery %.3f s (%.1f M events/s of delivery alone)%n", neuronS,
                    neuronSteps / neuronS / 1e6, synapseS, events / synapseS / 1e6);
            System.out.printf(Locale.ROOT, "  %.1f M events/s%n", events / med / 1e6);
            return 0;
        }

        /**
         * Writes each input neuron's synapses over the graph's synapse processes into outDegree.
         *
         * @return the graph's synapses
         */
        private static long outDegrees(ProcessGraph g, int[] outDegree) {
            long synapses = 0;
            for (Process p : g.processes()) {
                if (p instanceof Synapses syn) {
                    SynapseTable t = syn.table();
                    synapses += t.size();
                    for (int i = 0; i < t.numInputs(); i++) {
                        outDegree[i] += t.rowStart()[i + 1] - t.rowStart()[i];
                    }
                }
            }
            return synapses;
        }

        /**
         * Runs repetition rep on a network built afresh, its loop timed into secs[rep]; counts its spikes and their
         * synaptic events into counts (which every repetition writes again: they are the same each time).
         *
         * @return the repetition's backend, with its phases timed
         */
        private ReferenceBackend timedRepetition(int rep, int[] outDegree, long[] counts, double[] secs) {
            counts[0] = 0;
            counts[1] = 0;
            RunListener count = new RunListener() {
                @Override
                public void spikes(int step, Process process, int[] idx, int n) {
                    counts[0] += n;
                    for (int k = 0; k < n; k++) {
                        counts[1] += outDegree[idx[k]];
                    }
                }
            };
            ProcessGraph fresh = Cuba.build(neurons, seed).graph();
            ReferenceBackend backend = new ReferenceBackend(fresh, RunConfig.defaults().listener(count));
            backend.timePhases(true);
            try (Simulation sim = new Simulation(backend);
                 Progress bar = Progress.start("cuba " + neurons + " rep " + (rep + 1), steps, "steps", quiet)) {
                long s = System.nanoTime();
                int chunk = Math.max(1, steps / 100);
                for (int done = 0; done < steps; done += chunk) {
                    sim.run(Math.min(chunk, steps - done));
                    bar.stepTo(Math.min(steps, done + chunk));
                }
                secs[rep] = (System.nanoTime() - s) / 1e9;
            }
            return backend;
        }
    }
}
