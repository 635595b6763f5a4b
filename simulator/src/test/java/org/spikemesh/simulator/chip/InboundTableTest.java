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
        SpikeInput in = SpikeInput.of("in", new int[]{2}, Map.of(0, new int[]{1}, 1, new int[]{2}));
        // pre 0 -> post 2; pre 1 -> posts 0 and 1; weights well inside the bits a packed header leaves
        Sparse syn = Sparse.of("syn", 3, 2, new int[]{2, 0, 1}, new int[]{0, 1, 1}, new double[]{80, -100, 6}, delays,
                8, 0, SignMode.MIXED);
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
        assertEquals(2, n, "one core for the input, one for the LIF neurons");
        new NeuronArray(cores, 0, n, 4);
        int[] neuronBase = new int[n + 1];
        for (int c = 0; c < n; c++) {
            neuronBase[c + 1] = neuronBase[c] + cores[c].n;
        }
        InboundTable table = InboundTable.build(program, neuronBase, new int[n], 0, cores, new RouteGeometry(program));
        return new Blocks(table, neuronBase, input, lifCore);
    }
}
