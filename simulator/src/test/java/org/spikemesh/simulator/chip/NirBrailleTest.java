package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirModel;
import org.spikemesh.process.nir.NirSamples;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;

/**
 * The braille recurrent networks of the NIR paper (12 inputs, a recurrent CubaLIF layer of 38, a CubaLIF readout of
 * 7), each stored flat (nodes 'lif1.lif', 'lif1.w_rec') and as a nested graph ('lif1' with 'lif1', 'lin'): both
 * forms are the same network, so with the same input they must fire the same neurons at the same steps on the
 * reference backend in float_pt, and, quantised by the compiler for loihi-like, on the chip engine, where the chip
 * must also equal the fixed-point reference run of the quantised network bit for bit (every spike, every u and v).
 * The input is 300 steps of seeded random spikes (probability 0.1 per channel and step).
 */
class NirBrailleTest {
    private static final int STEPS = 300;

    @TempDir
    Path dir;

    /** @return the same seeded input for every variant: channel -&gt; steps */
    static Map<String, Map<Integer, int[]>> input() {
        SplittableRandom rnd = new SplittableRandom(2024);
        Map<Integer, int[]> channels = new HashMap<>();
        for (int c = 0; c < 12; c++) {
            List<Integer> steps = new ArrayList<>();
            for (int t = 1; t <= STEPS; t++) {
                if (rnd.nextDouble() < 0.1) {
                    steps.add(t);
                }
            }
            channels.put(c, steps.stream().mapToInt(Integer::intValue).toArray());
        }
        return Map.of("input", channels);
    }

    private NirModel load(String file, CubaNeuron.Reset reset) {
        return NirImporter.load(NirSamples.file(file, dir), new NirImporter.Options(1e-4, reset, input()));
    }

    /** The role of a neuron process in the braille network: the readout (7 neurons) or the hidden layer (38 or 40). */
    private static String role(Process p) {
        int n = p instanceof LIF ? ((LIF) p).size() : p instanceof CubaNeuron ? ((CubaNeuron) p).size() : -1;
        return n == 7 ? "readout" : n > 0 ? "hidden" : null;
    }

    /** Spikes by role (and with state = true every u and v), one line per step and population. */
    private static String trace(ProcessGraph g, NumericModel model, ChipProgram chip, boolean state) {
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = RunConfig.defaults().model(model)
                .listener(new RunListener() {
                    @Override
                    public void spikes(int step, Process p, int[] neurons, int count) {
                        if (role(p) != null && count > 0) {
                            sb.append(step).append(' ').append(role(p)).append(' ')
                                    .append(Arrays.toString(Arrays.copyOf(neurons, count))).append('\n');
                        }
                    }

                    @Override
                    public void values(int step, Var v, double[] values) {
                        sb.append(step).append(' ').append(role(v.owner())).append('.').append(v.name()).append(' ')
                                .append(Arrays.toString(values)).append('\n');
                    }
                });
        if (state) {
            for (Process p : g.processes()) {
                if (p instanceof LIF && role(p) != null) {
                    cfg.probe(((LIF) p).u(), ((LIF) p).v());
                }
            }
        }
        try (Simulation sim = chip == null ? Simulation.reference(g, cfg) : new Simulation(new ChipEngine(g, chip, cfg, 2))) {
            sim.run(STEPS);
        }
        return sb.toString();
    }

    private static Compilation compile(NirModel m) {
        return Compiler.compile(m.network().graph(), ChipConfigs.preset("loihi-like"), CompileOptions.defaults());
    }

    /** @return the number of spikes of the hidden layer in a trace */
    private static long hiddenSpikes(String trace) {
        return trace.lines().filter(l -> l.contains(" hidden [")).mapToLong(l -> l.split(",").length).sum();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"braille_noDelay_bias_zero, ZERO", "braille_noDelay_noBias_subtract, SUBTRACT"})
    void shouldFireAlikeFlatAndNestedOnTheReferenceBackend(String sample, CubaNeuron.Reset reset) {
        String flat = trace(load(sample + ".nir", reset).network().graph(), NumericModel.FLOAT_PT, null, false);
        String nested = trace(load(sample + "_subgraph.nir", reset).network().graph(), NumericModel.FLOAT_PT, null,
                false);
        assertTrue(hiddenSpikes(flat) > 0, "the hidden layer must fire to test anything");
        assertEquals(flat, nested);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"braille_noDelay_bias_zero, ZERO", "braille_noDelay_noBias_subtract, SUBTRACT"})
    void shouldFireAlikeFlatAndNestedOnTheChipAndEqualTheFixedPointReference(String sample, CubaNeuron.Reset reset) {
        Compilation flat = compile(load(sample + ".nir", reset));
        Compilation nested = compile(load(sample + "_subgraph.nir", reset));
        String flatChip = trace(flat.graph(), NumericModel.FIXED_PT, flat.program(), true);
        String flatReference = trace(flat.graph(), NumericModel.FIXED_PT, null, true);
        assertTrue(hiddenSpikes(flatChip) > 0, "the hidden layer must fire on the chip to test anything");
        assertEquals(flatReference, flatChip, "chip engine = fixed-point reference, bit for bit");
        assertEquals(flatChip, trace(nested.graph(), NumericModel.FIXED_PT, nested.program(), true), "flat = nested on the chip, spikes and state");
    }
}
