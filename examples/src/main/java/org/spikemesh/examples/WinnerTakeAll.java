package org.spikemesh.examples;

import java.util.ArrayList;
import java.util.List;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.chip.ChipEngine;

/**
 * Winner-take-all: four excitatory neurons, each driven by its own Poisson input (5, 8, 12 and 20 % spike probability
 * per step), all exciting one inhibitory neuron that inhibits all four. The neuron with the strongest input fires
 * first, drives the inhibition, and keeps the others below threshold: it ends up with most of the spikes. Runs the
 * same network on the reference backend and on the chip engine (teaching-2x2) and prints both spike counts, which are
 * equal (fixed point is bit-exact), and what the chip spent.
 */
public final class WinnerTakeAll {
    static final double[] RATES = {0.05, 0.08, 0.12, 0.20};

    private WinnerTakeAll() {
    }

    /** @return the network */
    static List<Process> build() {
        int n = RATES.length;
        PoissonSource in = PoissonSource.of("input", new int[]{n}, RATES, 7L);
        double[][] oneToOne = new double[n][n];
        for (int i = 0; i < n; i++) {
            oneToOne[i][i] = 120;
        }
        Dense drive = Dense.of("drive", oneToOne, 8, 0, null);
        LIF exc = LIF.builder("exc").shape(n).du(2048).dv(512).vth(200).build();
        double[][] toInh = new double[1][n];
        java.util.Arrays.fill(toInh[0], 100);
        Dense excite = Dense.of("excite", toInh, 8, 0, null);
        LIF inh = LIF.builder("inh").shape(1).du(4095).dv(0).vth(50).build();
        double[][] back = new double[n][1];
        for (double[] row : back) {
            row[0] = -250;
        }
        Dense inhibit = Dense.of("inhibit", back, 8, 1, null);
        in.sOut().connect(drive.sIn());
        drive.aOut().connect(exc.aIn());
        exc.sOut().connect(excite.sIn());
        excite.aOut().connect(inh.aIn());
        inh.sOut().connect(inhibit.sIn());
        inhibit.aOut().connect(exc.aIn());
        return new ArrayList<>(List.of(in, drive, exc, excite, inh, inhibit));
    }

    /**
     * @param steps steps to run
     * @param chip true for the chip engine on teaching-2x2, false for the reference backend
     * @return spikes per excitatory neuron
     */
    static int[] counts(int steps, boolean chip) {
        ProcessGraph g = ProcessGraph.of(build(), "wta");
        Monitor m = new Monitor();
        RunConfig cfg = RunConfig.defaults().seed(3).listener(m);
        int[] c = new int[RATES.length];
        try (Simulation sim = chip
                ? new Simulation(new ChipEngine(g, Compiler.compile(g, ChipConfigs.preset("teaching-2x2"),
                        CompileOptions.defaults()).program(), cfg, 2))
                : Simulation.reference(g, cfg)) {
            sim.run(steps);
        }
        m.spikes(g.process("exc")).forEach(s -> c[s[1]]++);
        return c;
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println("input spike probability per step: " + java.util.Arrays.toString(RATES));
        System.out.println("reference backend, spikes per neuron: " + java.util.Arrays.toString(counts(1000, false)));
        System.out.println("chip engine,       spikes per neuron: " + java.util.Arrays.toString(counts(1000, true)));
    }
}
