package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;

/**
 * Property: for random small float networks (flat and hierarchical, Dense, Sparse and DelayDense with delays, the
 * three neuron kinds, decays dt / tau and gains decay * r as every imported network has them), importing the export
 * at the same dt gives back the same network: the same neurons with the same parameters bit for bit, and the same
 * summed weight for every (source, target, delay).
 */
class NirExportRoundTripTest {
    /** How many random networks each property is checked on. */
    static final int CASES = 60;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, CASES);
    }

    /**
     * Exports, writes, reads and imports a network.
     *
     * @param g the network
     * @param dt the time step of both directions
     * @param file where the NIR file goes
     * @param spikes input spikes to import with
     * @return the imported model
     */
    static NirModel roundTrip(ProcessGraph g, double dt, Path file, Map<String, Map<Integer, int[]>> spikes) {
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(dt, NumericModel.FLOAT_PT));
        NirWriter.write(file, r.file());
        CubaNeuron.Reset reset = r.reset() == null ? CubaNeuron.Reset.ZERO : r.reset();
        return NirImporter.load(file, new NirImporter.Options(dt, reset, spikes));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldImportTheExportOfARandomNetworkAsTheSameNetwork(long seed) {
        ProcessGraph g = RandomNetworks.generate(seed);
        NirExporter.Result r = NirExporter.export(g, new NirExporter.Options(RandomNetworks.DT, NumericModel.FLOAT_PT));
        assertEquals(List.of(), r.warnings(), "every parameter has an exact inverse");
        NirModel back = roundTrip(g, RandomNetworks.DT, dir.resolve("r" + seed + ".nir"), Map.of());
        assertEquals(NetworkSignature.of(g), NetworkSignature.of(back.network().graph()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldExportAnImportedNetworkToTheSameFileGraph(long seed) {
        ProcessGraph g = RandomNetworks.generate(seed);
        NirModel once = roundTrip(g, RandomNetworks.DT, dir.resolve("a.nir"), Map.of());
        NirModel twice = roundTrip(once.network().graph(), RandomNetworks.DT, dir.resolve("b.nir"), Map.of());
        assertEquals(NetworkSignature.of(once.network().graph()), NetworkSignature.of(twice.network().graph()));
        assertTrue(NirReader.read(dir.resolve("b.nir")).graph().nodes().size() > 2);
    }

    /** The NIR samples but the CNN, whose unrolled convolutions would be written as dense matrices of up to 16 M weights. */
    static List<String> samples() {
        return NirSamples.SAMPLES.stream().filter(s -> !s.startsWith("cnn")).toList();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldExportAnImportedSampleBackToTheSameNetwork(String sample) {
        CubaNeuron.Reset reset = sample.contains("subtract") ? CubaNeuron.Reset.SUBTRACT : CubaNeuron.Reset.ZERO;
        NirModel once = NirImporter.load(NirSamples.file(sample, dir), new NirImporter.Options(1e-4, reset, Map.of()));
        NirExporter.Result r = NirExporter.export(once.network().graph(), new NirExporter.Options(1e-4,
                NumericModel.FLOAT_PT));
        assertEquals(List.of(), r.warnings(), "decays and gains imported from NIR have exact inverses");
        Path f = dir.resolve("again.nir");
        NirWriter.write(f, r.file());
        NirModel twice = NirImporter.load(f, new NirImporter.Options(1e-4, reset, Map.of()));
        assertEquals(NetworkSignature.of(once.network().graph()), NetworkSignature.of(twice.network().graph()));
    }
}
