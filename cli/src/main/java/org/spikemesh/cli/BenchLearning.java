package org.spikemesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikemesh bench learning}: the cost of on-chip learning, measured on CUBA with STDP on every excitatory
 * synapse against plain CUBA, in one run: wall time per configuration (median of repetitions), the slowdown against
 * no learning, synaptic updates per second, and the chip's simulated learning time and energy.
 */
@Command(name = "learning", mixinStandardHelpOptions = true,
        description = "CUBA with STDP on all excitatory synapses vs without: slowdown and synaptic updates per second")
public final class BenchLearning implements Callable<Integer> {
    @Option(names = "--neurons", defaultValue = "4000", description = "N (default 4000)")
    int neurons;

    @Option(names = "--steps", defaultValue = "10000", description = "time steps (default 10000 = 1 s at 0.1 ms)")
    int steps;

    @Option(names = "--epochs", split = ",", defaultValue = "1,16", description = "learning epochs (default 1,16)")
    List<Integer> epochs = new ArrayList<>();

    @Option(names = "--backend", defaultValue = "chip", description = "chip or reference (default chip)")
    String backend;

    @Option(names = "--threads", defaultValue = "1", description = "chip engine threads (default 1)")
    int threads;

    @Option(names = "--chip", defaultValue = "loihi-like", description = "chip preset or file (default loihi-like)")
    String chip;

    @Option(names = "--repeat", defaultValue = "3", description = "timed repetitions (median is reported)")
    int repeat;

    /** One measured configuration. */
    private record Result(double seconds, long synops, long updates, double learnPj, long spikes) {
    }

    private Result measure(int epoch, ChipConfig cfg) {
        double[] secs = new double[repeat];
        Result last = null;
        for (int rep = -1; rep < repeat; rep++) {
            ProcessGraph g = (epoch == 0 ? Cuba.build(neurons, 1) : Cuba.buildPlastic(neurons, 1, epoch)).graph();
            boolean chipRun = backend.equals("chip");
            ChipProgram program = chipRun ? Compiler.compile(g, cfg, CompileOptions.defaults()
                    .withChips(Compiler.AUTO_CHIPS)).program() : null;
            ChipEngine engine = chipRun ? new ChipEngine(g, program, RunConfig.defaults(), threads) : null;
            try (Simulation sim = chipRun ? new Simulation(engine) : Simulation.reference(g, RunConfig.defaults())) {
                long t0 = System.nanoTime();
                sim.run(steps);
                double s = (System.nanoTime() - t0) / 1e9;
                if (rep >= 0) {
                    secs[rep] = s;
                }
                if (chipRun) {
                    Accounts a = engine.accounts();
                    last = new Result(s, a.synops(), a.counts().get("learning_updates"),
                            a.energyByKind().get("learning"), a.spikes());
                } else {
                    last = new Result(s, 0, 0, 0, 0);
                }
            }
        }
        java.util.Arrays.sort(secs);
        return new Result(secs[repeat / 2], last.synops(), last.updates(), last.learnPj(), last.spikes());
    }

    @Override
    public Integer call() {
        if (!backend.equals("chip") && !backend.equals("reference")) {
            throw new IllegalArgumentException("--backend is '" + backend + "'; valid are chip and reference");
        }
        BenchCommand.checkRunOptions(neurons, steps, repeat);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        for (int epoch : epochs) {
            if (epoch < 1) {
                throw new IllegalArgumentException("--epochs: every learning epoch must be at least 1 step (the run"
                        + " without learning is measured anyway), got " + epochs);
            }
        }
        ChipConfig cfg = ChipConfigs.presetOrFile(chip);
        System.out.printf(Locale.ROOT, "CUBA N=%d, %d steps, %s backend%s; STDP on every excitatory synapse%n", neurons,
                steps, backend, backend.equals("chip") ? " on " + cfg.name() + ", " + threads + " thread(s)" : "");
        Result base = measure(0, cfg);
        System.out.printf(Locale.ROOT, "  no learning: %.3f s (median of %d)%s%n", base.seconds(), repeat,
                backend.equals("chip") ? String.format(Locale.ROOT, ", %d spikes, %.1f M events/s", base.spikes(),
                        base.synops() / base.seconds() / 1e6) : "");
        for (int epoch : epochs) {
            Result r = measure(epoch, cfg);
            System.out.printf(Locale.ROOT, "  epoch %d: %.3f s, %.2fx the time without learning", epoch, r.seconds(),
                    r.seconds() / base.seconds());
            if (backend.equals("chip")) {
                System.out.printf(Locale.ROOT, ", %d spikes, %d synaptic updates (%.1f M updates/s), learning energy"
                        + " %.3f uJ", r.spikes(), r.updates(), r.updates() / r.seconds() / 1e6, r.learnPj() / 1e6);
            }
            System.out.println();
        }
        return 0;
    }
}
