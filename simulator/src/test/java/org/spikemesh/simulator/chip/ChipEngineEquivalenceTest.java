package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreOrder;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkFile;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.process.lib.Sparse;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * The chip engine must equal the reference backend bit for bit: every spike and every LIF u and v at every step,
 * for 1, 2 and 4 threads, on the Lava golden network, random fixed-point networks (delays, negative exponents,
 * every sign mode, Poisson noise, recurrence), CUBA, and a network spread over several chips.
 */
class ChipEngineEquivalenceTest {

    /** A network to build afresh for each backend (processes hold state), the chip and the steps to run. */
    record Case(String name, Supplier<ProcessGraph> graph, ChipConfig chip, int steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("lava-golden", ChipEngineEquivalenceTest::golden, ChipConfigs.preset("loihi-like"), 50));
        // on loihi-like the golden network and cuba-1000 take 2 cores each, within one tile: 4 threads run 2 shards and
        // no message takes a hop. On cores of one neuron (5 cores, 2 tiles) and of 40 (25 cores, 7 tiles) they spread
        // over 4 shards and over the mesh
        cases.add(new Case("lava-golden-on-5-cores", ChipEngineEquivalenceTest::golden,
                tinyCores(ChipConfigs.preset("loihi-like"), 1), 50));
        ChipConfig tiny = tinyCores(ChipConfigs.preset("loihi-like"), 3);
        for (long seed = 1; seed <= 10; seed++) {
            long s = seed;
            cases.add(new Case("random-" + s, () -> RandomNetworks.fixedPoint(s).graph(), tiny, 40));
        }
        cases.add(new Case("wrap-and-clip", () -> extremes("wrap-and-clip", 0, 40, true), tiny, 60));
        // the largest decays the kernel takes with one multiplication (FixedPoint.decaySmall), on the same inputs,
        // with parameters equal across each population so that the uniform kernel runs
        cases.add(new Case("slow-decays-at-the-edges", () -> extremes("slow-decays", 255, 255, false), tiny, 60));
        cases.add(new Case("v-reaches-2^23", ChipEngineEquivalenceTest::voltageEdges, tiny, 6));
        cases.add(new Case("one-synapse-messages-of-many-weights", ChipEngineEquivalenceTest::manyWeights, tiny, 40));
        cases.add(new Case("cuba-1000", () -> Cuba.build(1000, 3).graph(), ChipConfigs.preset("loihi-like"), 300));
        cases.add(new Case("cuba-1000-on-25-cores", () -> Cuba.build(1000, 3).graph(),
                tinyCores(ChipConfigs.preset("loihi-like"), 40), 300));
        cases.add(new Case("cuba-2400-on-3-chips", () -> Cuba.build(2400, 5).graph(),
                ChipConfigs.withChips(tinyCores(ChipConfigs.preset("loihi-like"), 10), 3), 100));
        List<Arguments> args = new ArrayList<>();
        for (Case c : cases) {
            for (int threads : new int[]{1, 2, 4}) {
                args.add(Arguments.of(c, threads));
            }
        }
        return args.stream();
    }

    /** The chip with cores of only {@code neurons} neurons, so that small networks spread over many cores and shards. */
    static ChipConfig tinyCores(ChipConfig c, int neurons) {
        return c.withCoreNeurons(neurons);
    }

    /**
     * Inputs strong enough to wrap u past +-2^23 and to clip v at +-(2^23 - 1) every few steps, both signs: 24 Poisson
     * inputs firing half the time, each through weight 255 (or -256) shifted by 7, give up to 24 * 255 * 2^7 * 2^6 =
     * 50.1e6 per step to u, six times 2^23. Thresholds: the largest Lava allows (131071 << 6 = 8388544, just under the
     * clip, so v clips without spiking), and for the second population either per neuron from 0 to the largest, so
     * some cores have equal parameters and some not, or one threshold for all. du = 0 keeps u; du and dv up to 255
     * decay states near 2^23 with the kernel's one-multiplication decay.
     */
    private static ProcessGraph extremes(String name, int du, int dvDown, boolean mixedThresholds) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int nIn = 24;
        int n = 9;
        PoissonSource in = PoissonSource.of("in", new int[]{nIn}, new double[]{0.5}, 3L);
        double[] vthMixed = new double[n];
        for (int i = 0; i < n; i++) {
            vthMixed[i] = i % 3 == 0 ? 131071 : r.nextInt(0, 131072);
        }
        if (!mixedThresholds) {
            java.util.Arrays.fill(vthMixed, 65536);
        }
        LIF up = LIF.builder("up").shape(n).du(du).dv(du).vth(131071).build();
        LIF down = LIF.builder("down").shape(n).du(du).dv(dvDown).vth(vthMixed).build();
        double[][] pos = new double[n][nIn];
        double[][] mixed = new double[n][nIn];
        for (int o = 0; o < n; o++) {
            for (int i = 0; i < nIn; i++) {
                pos[o][i] = 255;
                mixed[o][i] = r.nextInt(4) == 0 ? 255 : -256;
            }
        }
        Dense toUp = Dense.of("to-up", pos, 8, 7, SignMode.MIXED);
        Dense toDown = Dense.of("to-down", mixed, 8, 7, SignMode.MIXED);
        List<Process> procs = List.of(in, up, down, toUp, toDown);
        List<Connection> conns = new ArrayList<>();
        for (Connection c : List.of(new Connection(in.outPort("s_out"), toUp.inPort("s_in")),
                new Connection(toUp.outPort("a_out"), up.aIn()),
                new Connection(in.outPort("s_out"), toDown.inPort("s_in")),
                new Connection(toDown.outPort("a_out"), down.aIn()))) {
            c.from().connect(c.to());
            conns.add(c);
        }
        return new Network(procs, conns, name).graph();
    }

    /**
     * Neurons whose v, before the clip, lands exactly on 2^23 and -2^23 in the first step (no input: v + bias, with
     * u = 0 and no decay of v), one short of them, and further in: 8 388 600 + 8 = 2^23 clips to 2^23 - 1 and
     * spikes (above 131071 &lt;&lt; 6 = 8 388 544); -8 388 600 - 8 = -2^23 clips to -(2^23 - 1). The kernel leaves
     * the clip at +2^23 to the neuron's spike, whose scan finishes it (every threshold is below 2^23), so its three
     * forms run here: uniform with small decays (du 0), uniform (du 300) and per neuron (thresholds differ).
     */
    private static ProcessGraph voltageEdges() {
        List<Process> procs = new ArrayList<>();
        double[] up = {8388600, 8388599, 8388590};
        double[] down = {-8388600, -8388599, -8388590};
        for (int du : new int[]{0, 300}) {
            procs.add(LIF.builder("up-" + du).shape(3).v(up).du(du).dv(0).vth(131071).biasMant(8).build());
            procs.add(LIF.builder("down-" + du).shape(3).v(down).du(du).dv(0).vth(131071).biasMant(-8).build());
        }
        procs.add(LIF.builder("up-mixed").shape(3).v(up).du(0).dv(0).vth(131071, 131070, 131071).biasMant(8).build());
        procs.add(LIF.builder("down-mixed").shape(3).v(down).du(0).dv(0).vth(131071, 131070, 131071).biasMant(-8)
                .build());
        return new Network(procs, List.of(), "v-edges").graph();
    }

    /**
     * Nearly every message carries one synapse (cores of 3 neurons, a sparse projection), with 40 distinct weights and
     * no delays or lanes: every such message is packed, and with the two-bit weights of the dictionary test only those
     * of the four most frequent weights are, so the tables are built with the builder's recount.
     */
    private static ProcessGraph manyWeights() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(13);
        int nIn = 30;
        int n = 24;
        PoissonSource in = PoissonSource.of("in", new int[]{nIn}, new double[]{0.3}, 5L);
        LIF lif = LIF.builder("lif").shape(n).du(400).dv(300).vth(600).build();
        int[] post = new int[nIn * 4];
        int[] pre = new int[post.length];
        double[] w = new double[post.length];
        for (int i = 0, k = 0; i < nIn; i++) {
            for (int q = 0; q < 4; q++, k++) {
                pre[k] = i;
                post[k] = q * 6 + r.nextInt(6);
                // weights from -100 to 98, even (8 bits, mixed sign); 0 and 2 more often so a dictionary has favourites
                w[k] = r.nextInt(3) == 0 ? 2 * r.nextInt(2) : 2 * r.nextInt(-50, 50);
            }
        }
        Sparse syn = Sparse.of("syn", n, nIn, post, pre, w, null, 8, 0, SignMode.MIXED);
        List<Connection> conns = new ArrayList<>();
        for (Connection c : List.of(new Connection(in.outPort("s_out"), syn.inPort("s_in")),
                new Connection(syn.outPort("a_out"), lif.aIn()))) {
            c.from().connect(c.to());
            conns.add(c);
        }
        return new Network(List.of(in, syn, lif), conns, "many-weights").graph();
    }

    private static ProcessGraph golden() {
        try (InputStream in = ChipEngineEquivalenceTest.class.getResourceAsStream("/lava-golden/lif_dense_lif.yaml")) {
            return NetworkFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "lif_dense_lif.yaml", null)
                    .graph();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldEqualReferenceBitForBit(Case c, int threads) {
        String reference = trace(c.graph().get(), null, threads, c.steps());
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        if (c.name().endsWith("chips")) {
            long chips = program.cores().stream().mapToInt(k -> k.globalCore() / c.chip().coresPerChip()).distinct().count();
            assertTrue(chips >= 2, "the multi-chip case must use several chips, uses " + chips);
        }
        int cores = program.cores().size();
        if (c.name().endsWith("-cores")) {
            assertTrue(cores >= 4, c + " must have a core for each of 4 shards, has " + cores);
            assertTrue(program.tilesX() * program.tilesY() > 1, c + " must span tiles");
        }
        try (ChipEngine e = new ChipEngine(c.graph().get(), program(g, c), RunConfig.defaults(), threads)) {
            assertEquals(Math.min(threads, cores), e.shards(), "shards of " + c + " on " + threads + " threads");
        }
        String chip = trace(g, program, threads, c.steps());
        assertTrue(reference.contains("spk"), "the case must spike at least once to test anything");
        if (c.name().equals("wrap-and-clip")) {
            // v at the clip, both signs (V_LIMIT = 2^23 - 1), shows the wrap and clip paths ran
            assertTrue(reference.contains("8388607") && reference.contains("-8388607"), "v must reach both clips");
        }
        assertEquals(reference, chip);
    }

    /**
     * With two bits for a packed weight, nearly every weight needs more than the header holds, so the tables take the
     * weight dictionary (the four most frequent weights; CUBA's two weights are all packed, the random networks' other
     * weights stay unpacked): the engine must still equal the reference backend bit for bit.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldEqualReferenceWithWeightsPackedThroughTheDictionary(Case c, int threads) {
        String reference = trace(c.graph().get(), null, threads, c.steps());
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String chip = withProperty(InboundTable.PACKED_WEIGHT_BITS_PROPERTY, "2",
                () -> trace(g, program, threads, c.steps()));
        assertEquals(reference, chip);
    }

    /** Every case once, for the tests that compare thread counts among themselves. */
    static Stream<Case> eachCase() {
        return cases().map(a -> (Case) a.get()[0]).distinct();
    }

    /**
     * Every account (energy by kind, counts, every step's time, energy, critical core and link, every link's and core's
     * totals, the latency histogram, the per-core windows) is the same on 1, 2 and 4 threads, and the same when the
     * run is repeated: the shards' split of the cores must not change any count, nor must the order in which the
     * threads happen to run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eachCase")
    void shouldCountTheSameOnEveryThreadCountAndEveryRun(Case c) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String one = accounts(g, program, 1, c.steps(), false);
        assertTrue(one.contains("core 0") && one.contains("latency "), "the digest lists cores and latencies");
        for (int threads : new int[]{2, 4, 4}) {
            assertEquals(one, accounts(c.graph().get(), program, threads, c.steps(), false), c + " on " + threads
                    + " threads");
        }
    }

    /**
     * The engine visits every core after the kernel when it reports spikes or state, and only the flagged ones when it
     * does not (see Shard): both must give the same accounts, to the last step, core, link and window.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldCountTheSameWithAndWithoutReporting(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String reporting = accounts(g, program, threads, c.steps(), true);
        String silent = accounts(c.graph().get(), program, threads, c.steps(), false);
        assertTrue(reporting.contains("core 0"), "the digest lists the cores");
        assertEquals(reporting, silent);
    }

    /**
     * Without a counting window (and without learning) the shard times the cores that had nothing but synaptic input
     * in a step from two terms, and every other core in full; with a window it times every core in full. Both must
     * give the same accounts, to the last step, core and link (the window's own rows left aside).
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldCountTheSameWithAndWithoutACountingWindow(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String windowed = accounts(g, program, threads, c.steps(), false, 3).replaceAll("(?m)^\\[.*\\n", "");
        String plain = accounts(c.graph().get(), program, threads, c.steps(), false, 0);
        assertTrue(plain.contains("core 0") && !plain.contains("\n["), "the digest lists the cores and no window");
        assertEquals(windowed, plain);
    }

    /**
     * Every message of a closed step has one latency in the histogram, whichever thread closed the step and whichever
     * shard counted the message: after each run call (the shards add their own latencies once a step is closed, the
     * last steps' when the run returns), the histogram holds one value per message a core received, a (spike,
     * destination core) pair (with multicast routers a message sent along a tree reaches several cores).
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldHistogramTheLatencyOfEveryMessage(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        try (ChipEngine engine = new ChipEngine(g, program, RunConfig.defaults().seed(11), threads)) {
            for (int chunk : new int[] {1, 3, c.steps()}) {
                engine.run(chunk);
                long messages = engine.accounts().counts().get("messages_received");
                assertEquals(messages, engine.accounts().latencyHistogram().getTotalCount(), "after a run of " + chunk);
            }
        }
    }

    /**
     * Message latencies come from a table of tile pairs on systems of up to 1 024 tiles, from a column part and a row
     * part of the latency table's index on larger ones of few columns, and from the cores' places on the others, read
     * from the latency table or, when it is large, computed: all must count the same.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldCountTheSameWithAndWithoutTheTileTable(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String tabled = accounts(g, program, threads, c.steps(), false);
        String computed = accountsWith(RouteGeometry.PAIR_TILES_PROPERTY, "0", c, program, threads);
        assertTrue(tabled.contains("latency "), "the digest has the latency histogram");
        assertEquals(tabled, computed);
        String fromPlaces = withProperty(RouteGeometry.PAIR_TILES_PROPERTY, "0",
                () -> accountsWith(RouteGeometry.PART_ENTRIES_PROPERTY, "0", c, program, threads));
        assertEquals(tabled, fromPlaces);
        String arithmetic = withProperty(RouteGeometry.PAIR_TILES_PROPERTY, "0",
                () -> withProperty(RouteGeometry.PART_ENTRIES_PROPERTY, "0",
                        () -> accountsWith(RouteGeometry.TABLE_ENTRIES_PROPERTY, "0", c, program, threads)));
        assertEquals(tabled, arithmetic);
    }

    /**
     * The ends of the messages' link spans are counted message by message, or grouped by source row and destination
     * tile and then folded into the difference arrays, or at the destinations message by message and at the turns by
     * source row and column (see MessageCounter), or mixed within a step: all must give the same link loads, busiest
     * links, latencies, time and energy, to the last step.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldCountTheSameSpansGroupedAndMessageByMessage(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String each = accountsWith(MessageCounter.SPANS_PROPERTY, "each", c, program, threads);
        String grouped = accountsWith(MessageCounter.SPANS_PROPERTY, "grouped", c, program, threads);
        assertTrue(each.contains("links 3[") && each.contains("latency "), "the digest has the link loads");
        assertEquals(each, grouped);
        assertEquals(each, accountsWith(MessageCounter.SPANS_PROPERTY, "turns", c, program, threads));
        // at most 40 messages in the cells between folds: a step folds more than once, and a shard's count of more
        // than 40 messages at once goes message by message
        String folded = withProperty(MessageCounter.SPANS_PROPERTY, "grouped",
                () -> accountsWith(MessageCounter.MAX_GROUPED_PROPERTY, "40", c, program, threads));
        assertEquals(each, folded);
        // the same by turns: the turns are folded once a step, and more often when they hold more than 40 messages
        String foldedTurns = withProperty(MessageCounter.SPANS_PROPERTY, "turns",
                () -> accountsWith(MessageCounter.MAX_TURNS_PROPERTY, "40", c, program, threads));
        assertEquals(each, foldedTurns);
    }

    /**
     * A neuron whose one-synapse messages into a shard all carry one weight gets a block of one weight there (see
     * InboundTable): with such blocks or with headers only, and with targets as places (16 bits) or as cores and
     * neurons (a stream of bits, as shards of more than 65 536 neurons write them), the engine must give the same
     * spikes, state and accounts. CUBA's neurons each have one weight: on cores of 10 neurons each reaches far more
     * than four cores, so its tables must be smaller with them (cuba-1000 fits on one or two cores, so nearly all its
     * messages hold several synapses).
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldGiveTheSameWithAndWithoutBlocksOfOneWeight(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram program = program(g, c);
        String headers = InboundTable.ONE_WEIGHT_PROPERTY;
        // the reference's trace against the engine's, whose tables the properties change (the reference was compared
        // with itself here, which could not fail)
        String trace = trace(c.graph().get(), null, threads, c.steps());
        assertEquals(trace, withProperty(headers, "false", () -> chipTrace(c, threads)));
        assertEquals(trace, withProperty(InboundTable.TARGETS_PROPERTY, "core", () -> chipTrace(c, threads)));
        String accounts = accounts(g, program, threads, c.steps(), false);
        assertEquals(accounts, accountsWith(headers, "false", c, program, threads));
        assertEquals(accounts, accountsWith(InboundTable.TARGETS_PROPERTY, "core", c, program, threads));
        if (c.name().equals("cuba-2400-on-3-chips")) {
            long with;
            try (ChipEngine e = new ChipEngine(c.graph().get(), program, RunConfig.defaults(), threads)) {
                with = e.tableBytes();
            }
            long without = Long.parseLong(withProperty(headers, "false", () -> {
                try (ChipEngine e = new ChipEngine(c.graph().get(), program, RunConfig.defaults(), threads)) {
                    return Long.toString(e.tableBytes());
                }
            }));
            assertTrue(with < without, "tables of " + with + " bytes with blocks of one weight, " + without
                    + " without");
        }
    }

    /**
     * A streamed program holds no synapse or route arrays and emits its synapses again from the network when the engine
     * builds its tables: the engine must build the very same tables from it, int for int, and so give the same spikes,
     * state and accounts.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldBuildTheSameTablesFromAStreamedProgram(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram full = program(g, c);
        ProcessGraph gs = c.graph().get();
        ChipProgram streamed = Compiler.compile(gs, c.chip(), CompileOptions.defaults().withStreamed(true)).program();
        assertTrue(streamed.streamed());
        assertSameTables(g, full, gs, streamed, threads, c + "");
        // with two bits per packed weight the tables take the weight dictionary and the builder's recount
        withProperty(InboundTable.PACKED_WEIGHT_BITS_PROPERTY, "2", () -> {
            assertSameTables(g, full, gs, streamed, threads, c + " with the dictionary");
            return "";
        });
        assertEquals(trace(c.graph().get(), null, threads, c.steps()), trace(gs, streamed, threads, c.steps()));
        assertEquals(accounts(g, full, threads, c.steps(), false), accounts(gs, streamed, threads, c.steps(), false));
    }

    private static void assertSameTables(ProcessGraph g, ChipProgram full, ProcessGraph gs, ChipProgram streamed,
                                         int threads, String name) {
        try (ChipEngine a = new ChipEngine(g, full, RunConfig.defaults(), threads);
             ChipEngine b = new ChipEngine(gs, streamed, RunConfig.defaults(), threads)) {
            InboundTable[] ta = a.inboundTables();
            InboundTable[] tb = b.inboundTables();
            assertEquals(ta.length, tb.length);
            for (int k = 0; k < ta.length; k++) {
                String at = name + " shard " + k;
                assertArrayEquals(ta[k].start, tb[k].start, at);
                assertArrayEquals(ta[k].data, tb[k].data, at);
                assertArrayEquals(ta[k].routesOut, tb[k].routesOut, at);
                assertArrayEquals(ta[k].base, tb[k].base, at);
                assertArrayEquals(ta[k].lane, tb[k].lane, at);
                assertArrayEquals(ta[k].delay, tb[k].delay, at);
                assertArrayEquals(ta[k].weightDictionary, tb[k].weightDictionary, at);
                assertEquals(ta[k].coreBits, tb[k].coreBits, at);
                assertEquals(ta[k].targetBits, tb[k].targetBits, at);
                assertArrayEquals(ta[k].coreOfNeuron, tb[k].coreOfNeuron, at);
            }
            assertEquals(a.tableBytes(), b.tableBytes());
        }
    }

    /**
     * The compiler numbers the cores by their place on the chip ({@link CoreOrder#byPlace}); any other numbering of the
     * same cores is the same chip: a seeded random renumbering must give the same spikes and state, and the same
     * accounts core by core (each core found by its global number), for every thread count, down to each step's
     * critical core, which goes to the lowest global core of equally slow ones whatever the numbering.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("cases")
    void shouldRunTheSameWhateverTheCoresAreNumbered(Case c, int threads) {
        assertSameWhateverTheNumbering(c, threads);
    }

    /**
     * The same with the detailed time model (loihi-calibrated), whose schedule of a step's messages takes equal send
     * times lowest global core first: with any numbering, the same schedule, times, critical cores and links.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("detailedCases")
    void shouldScheduleTheSameWhateverTheCoresAreNumbered(Case c, int threads) {
        assertSameWhateverTheNumbering(c, threads);
    }

    static Stream<Arguments> detailedCases() {
        ChipConfig tiny = tinyCores(ChipConfigs.preset("loihi-calibrated"), 3);
        List<Arguments> args = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            long s = seed;
            for (int threads : new int[]{1, 2}) {
                args.add(Arguments.of(new Case("random-" + s + "-detailed", () -> RandomNetworks.fixedPoint(s).graph(),
                        tiny, 40), threads));
            }
        }
        args.add(Arguments.of(new Case("cuba-1000-detailed", () -> Cuba.build(1000, 3).graph(),
                tinyCores(ChipConfigs.preset("loihi-calibrated"), 40), 60), 2));
        return args.stream();
    }

    private static void assertSameWhateverTheNumbering(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        ChipProgram placed = program(g, c);
        int n = placed.cores().size();
        for (int k = 1; k < n; k++) {
            assertTrue(placed.cores().get(k - 1).globalCore() < placed.cores().get(k).globalCore(),
                    "compiled cores in the order of their places on the chip");
        }
        int[] newIndex = new int[n];
        for (int k = 0; k < n; k++) {
            newIndex[k] = k;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(c.name().hashCode());
        for (int k = n - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            int t = newIndex[k];
            newIndex[k] = newIndex[j];
            newIndex[j] = t;
        }
        // a program runs with the processes it was compiled from: each run compiles its own network afresh
        ProcessGraph gp = c.graph().get();
        ProcessGraph gs = c.graph().get();
        ChipProgram shuffled = CoreOrder.renumbered(program(gs, c), newIndex);
        for (int k = 0; k < n; k++) {
            assertEquals(placed.cores().get(k).globalCore(), shuffled.cores().get(newIndex[k]).globalCore());
        }
        String placedTrace = trace(gp, program(gp, c), threads, c.steps());
        assertEquals(placedTrace, trace(gs, shuffled, threads, c.steps()));
        assertEquals(trace(c.graph().get(), null, threads, c.steps()), placedTrace, "the reference backend");
        ProcessGraph ga = c.graph().get();
        ProcessGraph gb = c.graph().get();
        assertEquals(accountsByPlace(ga, program(ga, c), threads, c.steps()),
                accountsByPlace(gb, CoreOrder.renumbered(program(gb, c), newIndex), threads, c.steps()));
    }

    /**
     * Totals, per-step series (the critical core by its global number), link totals, and every core's totals, busy time
     * and window counters by its global core number.
     */
    private static String accountsByPlace(ProcessGraph g, ChipProgram program, int threads, int steps) {
        StringBuilder sb = new StringBuilder();
        try (ChipEngine e = new ChipEngine(g, program, RunConfig.defaults().seed(11), threads)) {
            e.coreCountersEvery(3);
            e.run(steps / 2);
            e.run(steps - steps / 2);
            Accounts a = e.accounts();
            sb.append("energy ").append(a.energyByKind()).append("\ncounts ").append(a.counts()).append("\ntime ")
                    .append(a.timeNs()).append("\nlatency ").append(a.latencyHistogram().getTotalCount()).append(' ')
                    .append(a.latencyHistogram().getMean()).append('\n');
            for (int i = 0; i < a.steps(); i++) {
                int critical = a.criticalCore(i);
                sb.append(i).append(' ').append(a.stepNs(i)).append(' ').append(a.stepPj(i)).append(' ')
                        .append(critical).append(' ')
                        .append(a.criticalLink(i)).append(' ').append(a.stepBusiestLink(i)).append('\n');
            }
            for (int d = 0; d < 4; d++) {
                sb.append("links ").append(d).append(java.util.Arrays.toString(a.linkTotals(d))).append('\n');
            }
            java.util.TreeMap<Integer, String> cores = new java.util.TreeMap<>();
            for (int k = 0; k < program.cores().size(); k++) {
                cores.put(program.cores().get(k).globalCore(),
                        java.util.Arrays.toString(e.coreTotals(k)) + " " + e.coreTimeNs(k));
            }
            sb.append(cores).append('\n');
            List<String> rows = new ArrayList<>();
            for (long[] row : e.coreCountersByWindow()) {
                rows.add(java.util.Arrays.toString(row));
            }
            java.util.Collections.sort(rows);
            sb.append(rows);
        }
        return sb.toString();
    }

    /** The accounts of the case's program run on a fresh network with one of the engine's system properties set. */
    private static String accountsWith(String key, String value, Case c, ChipProgram program, int threads) {
        return withProperty(key, value, () -> accounts(c.graph().get(), program, threads, c.steps(), false));
    }

    /** Runs with one of the engine's system properties set, and clears it again. */
    private static String withProperty(String key, String value, Supplier<String> run) {
        System.setProperty(key, value);
        try {
            return run.get();
        } finally {
            System.clearProperty(key);
        }
    }

    static ChipProgram program(ProcessGraph g, Case c) {
        return Compiler.compile(g, c.chip(), CompileOptions.defaults()).program();
    }

    private static String accounts(ProcessGraph g, ChipProgram program, int threads, int steps, boolean report) {
        return accounts(g, program, threads, steps, report, 3);
    }

    /** @param window steps per row of per-core counters, 0 for none */
    static String accounts(ProcessGraph g, ChipProgram program, int threads, int steps, boolean report,
                                   int window) {
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = RunConfig.defaults().seed(11);
        if (report) {
            cfg.listener(EngineTraces.recorder(new StringBuilder()));
        }
        try (ChipEngine engine = new ChipEngine(g, program, cfg, threads)) {
            if (window > 0) {
                engine.coreCountersEvery(window);
            }
            engine.run(steps / 2);
            engine.run(steps - steps / 2);
            EngineTraces.appendAccounts(sb, engine);
        }
        return sb.toString();
    }

    /** @return the trace of the case on the chip engine, compiled afresh from a fresh network */
    private static String chipTrace(Case c, int threads) {
        ProcessGraph g = c.graph().get();
        return trace(g, program(g, c), threads, c.steps());
    }

    /** Runs in two halves (so state carries across run calls) and returns every spike and every u, v, per step. */
    static String trace(ProcessGraph g, ChipProgram program, int threads, int steps) {
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = RunConfig.defaults().seed(11).listener(EngineTraces.recorder(sb));
        for (Process p : g.processes()) {
            if (p instanceof LIF) {
                cfg.probe(((LIF) p).u(), ((LIF) p).v());
            }
        }
        try (Simulation sim = program == null ? Simulation.reference(g, cfg)
                : new Simulation(new ChipEngine(g, program, cfg, threads))) {
            sim.run(steps / 2);
            sim.run(steps - steps / 2);
        }
        return sb.toString();
    }
}
