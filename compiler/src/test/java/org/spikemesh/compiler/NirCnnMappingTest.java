package org.spikemesh.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.Core;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nir.NirImporter;
import org.spikemesh.process.nir.NirSamples;

/**
 * The Sinabs N-MNIST CNN of the NIR paper (cnn_sinabs.nir) on loihi-like. The imported network has six populations
 * (docs/nir.md): the input 2 x 34 x 34 = 2312, n1 = 16 x 16 x 16 = 4096 (conv 5x5 stride 2 padding 1), n3 = 4096
 * (conv 3x3 padding 1), n6 = 8 x 8 x 8 = 512 (sum pool 2x2, then conv 3x3, folded into one synapse group), n10 = 256
 * (sum pool 2x2, flatten, affine 256 x 128) and n12 = 10 (affine 10 x 256); no weight of the file is 0.
 */
class NirCnnMappingTest {
    @TempDir
    static Path dir;

    static ProcessGraph cnn;

    @BeforeAll
    static void importCnn() {
        cnn = NirImporter.load(NirSamples.file("cnn_sinabs.nir", dir), NirImporter.Options.defaults()).network().graph();
    }

    private static Map<String, Integer> coresByPopulation(MappingReport r) {
        Map<String, Integer> m = new HashMap<>();
        for (Map<String, Object> row : r.populations()) {
            m.put((String) row.get("population"), (Integer) row.get("cores"));
        }
        return m;
    }

    @Test
    void shouldNeedFourteenCoresByNeuronsAndAxonsAlone() {
        // loihi-like's 1024 neurons and 4096 input axons per core, with synapse memory and output routes unlimited:
        // input ceil(2312 / 1024) = 3 cores; n1 4096 / 1024 = 4 (each block of 4 channels sees every one of the 2312
        // inputs: the 5x5 windows at stride 2 with padding 1 cover rows and columns -1..33, so 2312 <= 4096 axons);
        // n3 4 (a block sees all 16 channels x 16 x 16 = 4096 of n1 through 3x3 windows with padding 1: 4096 axons,
        // exactly the limit); n6 1 (512 neurons, all 4096 of n3 through the pool); n10 1 (512 axons); n12 1 (256).
        ChipConfig c = ChipConfigs.preset("loihi-like");
        Core k = c.core();
        Core roomy = new Core(k.maxNeurons(), k.maxFanInAxons(), Integer.MAX_VALUE, 1L << 40, k.encoding(),
                k.neuronStateBits(), k.clockMhz(), k.synop(), k.neuronUpdateActive(), k.neuronUpdateInactive(),
                k.spikeOut(), k.messageReceive());
        ChipConfig chip = new ChipConfig("loihi-like-roomy", c.mesh(), roomy, c.router(), c.barrier(), c.learning(),
                c.staticPowerWatts());
        MappingReport r = Compiler.compile(cnn, chip, CompileOptions.defaults()).report();
        assertEquals(Map.of("input", 3, "n1", 4, "n3", 4, "n6", 1, "n10", 1, "n12", 1), coresByPopulation(r));
        assertEquals(14, r.summary().get("cores_used"));
    }

    @Test
    void shouldFitLoihiLikeWithTheMemoryLimitedBlocksOfTheDenseLayers() {
        MappingReport r = Compiler.compile(cnn, ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).report();
        Map<String, Integer> cores = coresByPopulation(r);
        // n10: 512 synapses per neuron (every n6 neuron through the pool), dense format 9 + 6 = 15 bits: a block of
        // k neurons needs 512 k 15 / 8 bytes <= 131072, k <= 136.5. From 256 the partitioner cuts to
        // floor(256 / (256 * 512 * 15 / 8 / 131072)) = floor(256 / 1.875) = 136 (130560 bytes): 2 cores.
        assertEquals(2, cores.get("n10"));
        // n12: 10 x 256 synapses, 4800 bytes dense: 1 core
        assertEquals(1, cores.get("n12"));
        int sum = cores.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(sum, r.summary().get("cores_used"));
        // at least the 14 cores that neurons and axons alone need; at most the chip's 128
        assertTrue(sum >= 14 && sum <= 128, "cores used: " + sum);
    }
}
