package org.spikemesh.simulator.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.nir.NirExporter;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirModel;
import org.spikemesh.process.nir.NirWriter;
import org.spikemesh.process.nir.RandomNetworks;
import org.spikemesh.simulator.Monitor;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * Property: a random float network and the import of its NIR export, run on the reference backend with the same
 * input spikes, fire the same neurons at the same steps. The networks are those of the process module's round-trip
 * test (RandomNetworks), so equal parameters are known; this checks that nothing else (grouping of synapses into
 * processes, delays, nesting, the Affine bias) changes what runs.
 */
class NirExportRunTest {
    private static final int STEPS = 60;
    /** Neuron spikes (inputs not counted) per seed, to check that the property was tested on active networks. */
    private static final Map<Long, Integer> SPIKES = new TreeMap<>();

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** @return "process neuron@step" for every spike of every process, names flattened as the importer does */
    static List<String> spikes(ProcessGraph g, int steps) {
        Monitor mon = new Monitor();
        try (Simulation sim = Simulation.reference(g, RunConfig.defaults().model(NumericModel.FLOAT_PT).listener(mon))) {
            sim.run(steps);
        }
        List<String> r = new java.util.ArrayList<>();
        for (Process p : g.processes()) {
            for (int[] s : mon.spikes(p)) {
                r.add(p.name().replace('/', '_') + " " + s[1] + "@" + s[0]);
            }
        }
        java.util.Collections.sort(r);
        return r;
    }

    private NirModel roundTrip(ProcessGraph g, double dt) {
        Map<String, Map<Integer, int[]>> inputs = new LinkedHashMap<>();
        for (Process p : g.processes()) {
            if (p instanceof SpikeInput) {
                inputs.put(p.name(), ((SpikeInput) p).spikes());
            }
        }
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(dt, NumericModel.FLOAT_PT));
        Path f = dir.resolve("m.nir");
        NirWriter.write(f, r.file());
        CubaNeuron.Reset reset = r.reset() == null ? CubaNeuron.Reset.ZERO : r.reset();
        return NirImporter.load(f, new NirImporter.Options(dt, reset, inputs));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldFireTheSameSpikesAfterExportAndImport(long seed) {
        ProcessGraph g = RandomNetworks.generate(seed);
        List<String> before = spikes(g, STEPS);
        List<String> after = spikes(roundTrip(g, RandomNetworks.DT).network().graph(), STEPS);
        assertEquals(before, after);
        SPIKES.put(seed, (int) before.stream().filter(s -> !s.startsWith("in")).count());
    }

    @AfterAll
    static void shouldHaveTestedNetworksThatSpike() {
        long neuronSpiking = SPIKES.values().stream().filter(n -> n > 0).count();
        assertTrue(SPIKES.isEmpty() || neuronSpiking >= SPIKES.size() * 3 / 4, "spikes per seed: " + SPIKES);
    }

    @Test
    void shouldRunAFloatLifAsItsExportedCubaLif() {
        // dyadic parameters: every sum in both neuron models is exact, so the two orders of addition agree
        SpikeInput in = SpikeInput.of("in", new int[]{2}, Map.of(0, new int[]{1, 2, 3, 5, 8, 13}, 1, new int[]{2, 4, 6}));
        Dense w = Dense.of("w", new double[][]{{0.75, 0.5}, {0.25, -0.5}});
        LIF lif = LIF.builder("lif").shape(2).model(NumericModel.FLOAT_PT).du(0.5).dv(0.25).vth(1).biasMant(0.125)
                .build();
        in.sOut().connect(w.sIn());
        w.aOut().connect(lif.aIn());
        ProcessGraph g = ProcessGraph.of(in);
        List<String> before = spikes(g, 30);
        assertTrue(before.size() > 3, before.toString());
        assertEquals(before, spikes(roundTrip(g, 1e-4).network().graph(), 30));
    }
}
