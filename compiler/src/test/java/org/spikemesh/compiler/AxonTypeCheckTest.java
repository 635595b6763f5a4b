package org.spikemesh.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.process.nets.Cuba;

/**
 * truenorth-like: synapses are crossbar bits, each neuron has 4 weights, one per axon type, and each input axon of a
 * core one type. Networks whose weights follow their axons compile; a neuron with more weights than types, or axons
 * whose weight patterns need more types, are refused naming the core and the axon. The preset's weights were 1 signed
 * bit before (valid -1..0): no network with a positive weight compiled. Cores whose axons first fit cannot type
 * are made smaller until they can.
 */
class AxonTypeCheckTest {
    private static final ChipConfig TN = ChipConfigs.preset("truenorth-like");

    /** n SpikeInput neurons into m LIF neurons through the given weights [m][n] (8 bits, mixed sign: even ones kept). */
    private static ProcessGraph dense(double[][] w) {
        SpikeInput in = SpikeInput.of("in", new int[]{w[0].length}, java.util.Map.of(0, new int[]{1}));
        Dense d = Dense.of("w", w, 8, 0, null);
        LIF lif = LIF.builder("pop").shape(w.length).du(100).dv(100).vth(10).build();
        in.sOut().connect(d.sIn());
        d.aOut().connect(lif.aIn());
        return ProcessGraph.of(in, d, lif);
    }

    /**
     * 100 inputs into 300 neurons, every weight 6: one weight pattern, so one axon type. By hand: a dense synapse is
     * 1 bit, so a core of 256 neurons and 100 axons takes 100 * 256 / 8 = 3 200 of its 8 192 bytes; blocks are then
     * limited by the 256 neurons of a core: 300 neurons on 2 cores of 256 and 44.
     */
    @Test
    void shouldCompileOneWeightPatternOnCoresLimitedByTheirNeurons() {
        double[][] w = new double[300][100];
        for (double[] row : w) {
            java.util.Arrays.fill(row, 6);
        }
        Compilation c = Compiler.compile(dense(w), TN, CompileOptions.defaults());
        List<Integer> sizes = c.program().cores().stream().filter(k -> k.process().name().equals("pop"))
                .map(CoreProgram::size).toList();
        assertEquals(List.of(256, 44), sizes);
    }

    /**
     * CUBA's weights follow its two populations' sign (excitatory and inhibitory axons, one type each): it compiles on
     * truenorth-like, where its positive weights were refused.
     */
    @Test
    void shouldCompileCuba() {
        Compilation c = Compiler.compile(Cuba.build(1000, 1).graph(), TN, CompileOptions.defaults());
        assertEquals(1000, c.program().cores().stream().filter(k -> k.process().name().equals("cuba"))
                .mapToInt(CoreProgram::size).sum());
    }

    /** Five inputs into one neuron with weights 2, 4, 6, 8, 10: five weights for one neuron, and 4 types. */
    @Test
    void shouldRefuseANeuronWithMoreWeightsThanTypes() {
        MappingException e = assertThrows(MappingException.class,
                () -> Compiler.compile(dense(new double[][]{{2, 4, 6, 8, 10}}), TN, CompileOptions.defaults()));
        assertEquals("synapse group w: neuron 0 of population pop receives 5 different weights [2, 4, 6, 8, 10];"
                + " truenorth-like gives each neuron 4 weights, one per axon type, and each input axon of a core one"
                + " type, so at most 4", e.getMessage());
    }

    /**
     * Five inputs into two neurons, each neuron with 3 different weights only, but the axons' weight patterns
     * (neuron 0, neuron 1) are (2, 2), (2, 4), (4, 2), (4, 4), (6, 8): every two differ at some neuron, so on one core
     * no two axons can share a type and five are needed. By hand, first fit on a core of both neurons: axon 0 takes
     * type 0, axons 1, 2 and 3 each disagree with every type set before them and take 1, 2 and 3; axon 4 disagrees
     * with all four. The partitioner then halves the population's cores to one neuron each, where neuron 0 needs the
     * types 2, 4, 6 and neuron 1 the types 2, 4, 8: it compiles on 2 cores of 1 neuron.
     */
    @Test
    void shouldShrinkTheCoresUntilTheirAxonsHaveTypes() {
        Compilation c = Compiler.compile(dense(new double[][]{{2, 2, 4, 4, 6}, {2, 4, 2, 4, 8}}), TN,
                CompileOptions.defaults());
        List<Integer> sizes = c.program().cores().stream().filter(k -> k.process().name().equals("pop"))
                .map(CoreProgram::size).toList();
        assertEquals(List.of(1, 1), sizes);
    }

    /**
     * A type holds a weight with its exponent: group a brings 2, 4 and 6 (exponent 0) and group b 2 and 4 with
     * exponent 2 (8 and 16 in effect) into one neuron, 5 different weights for 4 types, on a core of one neuron already:
     * refused. By hand, first fit: a's axons take types 0, 1, 2 (2, 4, 6); b's first axon (2*2^2) type 3; b's second
     * (4*2^2) fits none.
     */
    @Test
    void shouldTellWeightsWithOtherExponentsApart() {
        SpikeInput in1 = SpikeInput.of("in1", new int[]{3}, java.util.Map.of(0, new int[]{1}));
        SpikeInput in2 = SpikeInput.of("in2", new int[]{2}, java.util.Map.of(0, new int[]{1}));
        Dense a = Dense.of("a", new double[][]{{2, 4, 6}}, 8, 0, null);
        Dense b = Dense.of("b", new double[][]{{2, 4}}, 8, 2, null);
        LIF lif = LIF.builder("pop").shape(1).du(100).dv(100).vth(10).build();
        in1.sOut().connect(a.sIn());
        in2.sOut().connect(b.sIn());
        a.aOut().connect(lif.aIn());
        b.aOut().connect(lif.aIn());
        MappingException e = assertThrows(MappingException.class, () -> Compiler.compile(
                ProcessGraph.of(in1, in2, a, b, lif), TN, CompileOptions.defaults()));
        assertEquals("synapse group b: neuron 0 of population pop receives 5 different weights [2, 2*2^2, 4, 4*2^2,"
                + " 6]; truenorth-like gives each neuron 4 weights, one per axon type, and each input axon of a core"
                + " one type, so at most 4", e.getMessage());
    }
}
