package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.lib.SpikeInput;

/**
 * The inbound table's blocks, counted by hand: two inputs into one LIF core, input 0 through one synapse and input 1
 * through two. Each input sends one message. A block is {@link InboundTable#META} ints (core, segment count, route
 * sums), one header per message, then the synapses of the messages that are not packed: a one-synapse message whose
 * weight fits is packed whole into its header, a two-synapse one is not, and with synaptic delays nothing is packed.
 * The LIF neurons send nothing and have empty blocks.
 */
class InboundTableTest {

    @Test
    void shouldPackTheOneSynapseMessageIntoItsHeader() {
        Blocks b = build(null);
        // input 0: META + its header, which holds its synapse; input 1: META + header + 2 synapses
        assertEquals(InboundTable.META + 1, b.length(b.input, 0));
        assertEquals(InboundTable.META + 1 + 2, b.length(b.input, 1));
        b.assertLifBlocksEmpty();
    }

    @Test
    void shouldPackNothingWhenSynapsesHaveDelays() {
        Blocks b = build(new int[]{1, 2, 1});
        // the delays go through CoreRuntime.deliverSlow, which reads each synapse apart from its header
        assertEquals(InboundTable.META + 1 + 1, b.length(b.input, 0));
        assertEquals(InboundTable.META + 1 + 2, b.length(b.input, 1));
        b.assertLifBlocksEmpty();
    }

    /**
     * One bit for a packed weight (-1..0): no weight here fits, so the table takes a dictionary of the two most
     * frequent one-synapse weights: 80 (two messages), then -100 and 6 (one each; on a tie the smaller weight first),
     * so -100. The message of weight 6 stays unpacked (its header, then its synapse). Weights 80 and -100 and 6 are
     * prepared unchanged (8 bits, mixed sign: even numbers within -256..255).
     */
    @Test
    void shouldPackTheMostFrequentWeightsThroughTheDictionary() {
        Blocks b;
        System.setProperty(InboundTable.PACKED_WEIGHT_BITS_PROPERTY, "1");
        try {
            // pre 0 -> post 0 (80), pre 1 -> post 1 (80), pre 2 -> post 2 (-100), pre 3 -> post 0 (6)
            b = build(new int[]{0, 1, 2, 0}, new int[]{0, 1, 2, 3}, new double[]{80, 80, -100, 6}, null);
        } finally {
            System.clearProperty(InboundTable.PACKED_WEIGHT_BITS_PROPERTY);
        }
        assertEquals(java.util.List.of(80, -100), java.util.Arrays.stream(b.table.weightDictionary).boxed().toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(InboundTable.META + 1, b.length(b.input, i), "input " + i + " packed");
            int header = b.table.data[b.table.start[b.neuron(b.input, i)] + InboundTable.META];
            int index = (header << 1 >> b.table.weightShift) & b.table.weightIndexMask;
            assertEquals(i < 2 ? 80 : -100, b.table.weightDictionary[index], "weight of input " + i);
        }
        assertEquals(InboundTable.META + 1 + 1, b.length(b.input, 3), "weight 6 is not in the dictionary");
        b.assertLifBlocksEmpty();
        // with the bits the header leaves, every weight is written as it is: no dictionary
        assertEquals(null, build(new int[]{0, 1, 2, 0}, new int[]{0, 1, 2, 3}, new double[]{80, 80, -100, 6}, null)
                .table.weightDictionary);
    }

    @Test
    void shouldHeadEachBlockWithItsCoreItsMessagesAndItsRoutes() {
        Blocks b = build(null);
        for (int i = 0; i < 2; i++) {
            int block = b.table.start[b.neuron(b.input, i)];
            assertEquals(b.input.index(), b.table.data[block + InboundTable.SOURCE]);
            assertEquals(1, b.table.data[block + InboundTable.HEADERS]);
            assertEquals(1, b.table.routesOut[b.neuron(b.input, i) - b.table.firstNeuron], "one route per input");
        }
    }

    /** The program, its table and where its input and LIF cores are. */
    private record Blocks(InboundTable table, int[] neuronBase, CoreProgram input, CoreProgram lif) {
        int neuron(CoreProgram core, int i) {
            return neuronBase[core.index()] + i;
        }

        int length(CoreProgram core, int i) {
            int g = neuron(core, i);
            return table.start[g + 1] - table.start[g];
        }

        void assertLifBlocksEmpty() {
            for (int i = 0; i < lif.size(); i++) {
                assertEquals(0, length(lif, i), "LIF neuron " + i + " sends nothing");
            }
        }
    }

    private static Blocks build(int[] delays) {
        // pre 0 -> post 2; pre 1 -> posts 0 and 1; weights well inside the bits a packed header leaves
        return build(new int[]{2, 0, 1}, new int[]{0, 1, 1}, new double[]{80, -100, 6}, delays);
    }

    private static Blocks build(int[] post, int[] pre, double[] weights, int[] delays) {
        int inputs = java.util.Arrays.stream(pre).max().orElse(0) + 1;
        Map<Integer, int[]> spikes = new java.util.HashMap<>();
        for (int i = 0; i < inputs; i++) {
            spikes.put(i, new int[]{1 + i});
        }
        SpikeInput in = SpikeInput.of("in", new int[]{inputs}, spikes);
        Sparse syn = Sparse.of("syn", 3, inputs, post, pre, weights, delays, 8, 0, SignMode.MIXED);
        LIF lif = LIF.builder("lif").shape(3).du(0).dv(0).vth(1000).build();
        List<Connection> conns = new ArrayList<>();
        for (Connection c : List.of(new Connection(in.outPort("s_out"), syn.inPort("s_in")),
                new Connection(syn.outPort("a_out"), lif.aIn()))) {
            c.from().connect(c.to());
            conns.add(c);
        }
        List<Process> procs = List.of(in, syn, lif);
        ChipProgram program = Compiler.compile(new Network(procs, conns, "two-inputs").graph(),
                ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        int n = program.cores().size();
        CoreRuntime[] cores = new CoreRuntime[n];
        CoreProgram input = null;
        CoreProgram lifCore = null;
        for (CoreProgram cp : program.cores()) {
            cores[cp.index()] = new CoreRuntime(cp, 1);
            input = cp.process() == in ? cp : input;
            lifCore = cp.process() == lif ? cp : lifCore;
        }
        assertEquals(2, n, "one core for the inputs, one for the LIF neurons");
        new NeuronArray(cores, 0, n, 4);
        int[] neuronBase = new int[n + 1];
        for (int c = 0; c < n; c++) {
            neuronBase[c + 1] = neuronBase[c] + cores[c].n;
        }
        InboundTable table = InboundBuilder.build(program, neuronBase, new int[n], new int[]{0}, new int[]{n},
                new boolean[]{true}, cores, new RouteGeometry(program)).tables[0];
        return new Blocks(table, neuronBase, input, lifCore);
    }
}
