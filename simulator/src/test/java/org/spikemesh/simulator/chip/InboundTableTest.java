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

    /**
     * A block of one weight, by hand: input 0 reaches six LIF cores through one synapse each, all of weight 80, and a
     * seventh through two (80 and 80); input 1 reaches two cores (80 and -100). The seven LIF cores hold 14 neurons,
     * fewer than 65 536, so a target takes 16 bits. Input 0's block: META ints, the weight (80) and its one other
     * segment's count (1), its six targets' places in the shard's neuron arrays, two to an int (3 ints), then that
     * segment's header (core, 2 synapses) and its two synapses: META + 2 + 3 + 1 + 2 = META + 8 ints, where headers
     * would take META + 7 + 2. Input 1 has two one-synapse segments of two weights: headers, META + 2.
     */
    @Test
    void shouldWriteTheTargetsOfABlockOfOneWeightInSixteenBits() {
        FanOut f = fanOut();
        InboundTable t = f.table;
        assertEquals(16, t.targetWidth, "16 bits up to 65 536 neurons");
        int block = t.start[f.neuronBase[f.input.index()]];
        assertEquals(InboundTable.META + 8, t.start[f.neuronBase[f.input.index()] + 1] - block);
        assertEquals(-6, t.data[block + InboundTable.HEADERS], "six one-synapse segments, negated");
        assertEquals(80, t.data[block + InboundTable.META], "the weight, once");
        assertEquals(1, t.data[block + InboundTable.META + 1], "one other segment");
        for (int k = 0; k < 6; k++) {
            // LIF process k, neuron k % 2: its place is its core's first place in the neuron arrays plus k % 2
            int place = f.cores[f.lifs[k].index()].base + k % 2;
            assertEquals(place, t.data[block + InboundTable.META + 2 + k / 2] >>> 16 * (k % 2) & 0xFFFF, "target " + k);
            assertEquals(place, InboundTable.oneWeightTarget(t.data, block, k, 16), "target " + k + " as read");
            assertEquals(f.lifs[k].index(), t.coreOfNeuron[place], "core of target " + k);
        }
        int header = t.data[block + InboundTable.META + 5];
        assertEquals(f.lifs[6].index(), header & t.coreMask, "the two-synapse segment's core");
        assertEquals(2, header >>> t.coreBits, "and its synapses");
        for (int j = 0; j < 2; j++) {
            int x = t.data[block + InboundTable.META + 6 + j];
            assertEquals(j, x & 0xFFFF, "target of synapse " + j);
            assertEquals(80, x >> 16, "weight of synapse " + j);
        }
        int block1 = t.start[f.neuronBase[f.input.index()] + 1];
        assertEquals(2, t.data[block1 + InboundTable.HEADERS], "input 1: two headers");
        assertEquals(InboundTable.META + 2, t.start[f.neuronBase[f.input.index()] + 2] - block1);
        // the route sums count the seven messages, as headers would
        System.setProperty(InboundTable.ONE_WEIGHT_PROPERTY, "false");
        try {
            InboundTable headers = fanOut().table;
            int hb = headers.start[f.neuronBase[f.input.index()]];
            assertEquals(7, headers.data[hb + InboundTable.HEADERS], "without blocks of one weight: seven headers");
            assertEquals(InboundTable.META + 9, headers.start[f.neuronBase[f.input.index()] + 1] - hb);
            for (int k = 0; k < RouteSums.FIELDS; k++) {
                assertEquals(headers.data[hb + InboundTable.SUMS + k], t.data[block + InboundTable.SUMS + k],
                        "route sum " + k);
            }
        } finally {
            System.clearProperty(InboundTable.ONE_WEIGHT_PROPERTY);
        }
    }

    /**
     * The same block with targets as core and neuron in the core, as shards of more than 65 536 neurons write them:
     * 8 cores take 3 bits, the LIF cores' 2 neurons 1 bit, so a target takes 4 bits (core in the low 3) and the six take
     * 24 bits, 1 int: META + 2 + 1 + 1 + 2 = META + 6 ints, and no table of the neurons' cores.
     */
    @Test
    void shouldWriteTargetsAsCoreAndNeuronInLargeShards() {
        FanOut f;
        System.setProperty(InboundTable.TARGETS_PROPERTY, "core");
        try {
            f = fanOut();
        } finally {
            System.clearProperty(InboundTable.TARGETS_PROPERTY);
        }
        InboundTable t = f.table;
        assertEquals(4, t.targetWidth);
        assertEquals(null, t.coreOfNeuron);
        int block = t.start[f.neuronBase[f.input.index()]];
        assertEquals(InboundTable.META + 6, t.start[f.neuronBase[f.input.index()] + 1] - block);
        assertEquals(-6, t.data[block + InboundTable.HEADERS]);
        for (int k = 0; k < 6; k++) {
            int expected = f.lifs[k].index() | (k % 2) << 3;
            assertEquals(expected, t.data[block + InboundTable.META + 2] >>> 4 * k & 0xF, "target " + k);
        }
        assertEquals(f.lifs[6].index(), t.data[block + InboundTable.META + 3] & t.coreMask, "then the other header");
    }

    /**
     * Targets of 1 to 24 bits written across int boundaries read back as written: every width, 40 targets of random
     * places (seeded), against a plain array.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 4, 7, 13, 16, 17, 20, 23, 24})
    void shouldReadBackTargetsOfEveryWidth(int width) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(width);
        int n = 40;
        int[] expected = new int[n];
        int block = 3;
        int[] data = new int[block + InboundTable.META + 2 + InboundTable.targetInts(n, width)];
        for (int k = 0; k < n; k++) {
            expected[k] = r.nextInt(1 << width);
            // written bit by bit, as the layout says: target k's bit b at bit k * width + b after the block's META + 2
            for (int b = 0; b < width; b++) {
                long bit = (long) (block + InboundTable.META + 2) * 32 + (long) k * width + b;
                data[(int) (bit >>> 5)] |= (expected[k] >>> b & 1) << (bit & 31);
            }
        }
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k], InboundTable.oneWeightTarget(data, block, k, width), "target " + k);
        }
    }

    /** A program of one input core and seven LIF cores, its cores' runtimes and its table. */
    private record FanOut(InboundTable table, int[] neuronBase, CoreRuntime[] cores, CoreProgram input,
                          CoreProgram[] lifs) {
    }

    private static FanOut fanOut() {
        SpikeInput in = SpikeInput.of("in", new int[]{2}, Map.of(0, new int[]{1}, 1, new int[]{2}));
        List<Process> procs = new ArrayList<>(List.of(in));
        List<Connection> conns = new ArrayList<>();
        LIF[] lif = new LIF[7];
        for (int k = 0; k < 7; k++) {
            lif[k] = LIF.builder("lif" + k).shape(2).du(0).dv(0).vth(1000).build();
            // input 0 -> neuron k % 2 (LIF 6: both neurons); input 1 -> LIF 0 neuron 1 (80), LIF 1 neuron 0 (-100)
            int[] post = k == 6 ? new int[]{0, 1} : k < 2 ? new int[]{k % 2, 1 - k % 2} : new int[]{k % 2};
            int[] pre = k == 6 ? new int[]{0, 0} : k < 2 ? new int[]{0, 1} : new int[]{0};
            double[] w = k == 6 ? new double[]{80, 80} : k == 0 ? new double[]{80, 80} : k == 1
                    ? new double[]{80, -100} : new double[]{80};
            Sparse syn = Sparse.of("syn" + k, 2, 2, post, pre, w, null, 8, 0, SignMode.MIXED);
            procs.add(syn);
            procs.add(lif[k]);
            for (Connection c : List.of(new Connection(in.outPort("s_out"), syn.inPort("s_in")),
                    new Connection(syn.outPort("a_out"), lif[k].aIn()))) {
                c.from().connect(c.to());
                conns.add(c);
            }
        }
        ChipProgram program = Compiler.compile(new Network(procs, conns, "fan-out").graph(),
                ChipConfigs.preset("loihi-like"), CompileOptions.defaults()).program();
        int n = program.cores().size();
        assertEquals(8, n, "one core for the inputs, one per LIF process");
        CoreRuntime[] cores = new CoreRuntime[n];
        CoreProgram input = null;
        CoreProgram[] lifs = new CoreProgram[7];
        for (CoreProgram cp : program.cores()) {
            cores[cp.index()] = new CoreRuntime(cp, 1);
            input = cp.process() == in ? cp : input;
            for (int k = 0; k < 7; k++) {
                lifs[k] = cp.process() == lif[k] ? cp : lifs[k];
            }
        }
        int[] neuronBase = new int[n + 1];
        InboundTable table = oneShard(program, cores, neuronBase);
        return new FanOut(table, neuronBase, cores, input, lifs);
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
        int[] neuronBase = new int[n + 1];
        InboundTable table = oneShard(program, cores, neuronBase);
        return new Blocks(table, neuronBase, input, lifCore);
    }

    /** Lays out the cores' neuron arrays, numbers their neurons into neuronBase and builds the one shard's table. */
    private static InboundTable oneShard(ChipProgram program, CoreRuntime[] cores, int[] neuronBase) {
        int n = cores.length;
        new NeuronArray(cores, 0, n, 4);
        for (int c = 0; c < n; c++) {
            neuronBase[c + 1] = neuronBase[c] + cores[c].n;
        }
        return InboundBuilder.build(program, neuronBase, new int[n], new int[]{0}, new int[]{n},
                new boolean[]{true}, cores, new RouteGeometry(program)).tables[0];
    }
}
