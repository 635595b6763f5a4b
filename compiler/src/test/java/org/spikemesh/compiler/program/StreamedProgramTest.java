package org.spikemesh.compiler.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.TimeModel;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.io.RandomNetworks;
import org.spikemesh.process.nets.Cuba;

/**
 * A streamed program holds no synapse or route arrays and emits its synapses again from the network whenever they are
 * read. What it emits must be what the program with its arrays holds, segment for segment and synapse for synapse, in
 * the same order; and every count a report or a cost model reads must be the same.
 */
class StreamedProgramTest {

    static Stream<Arguments> networks() {
        List<Arguments> a = new ArrayList<>();
        ChipConfig tiny = ChipConfigs.preset("loihi-like").withCoreNeurons(3);
        // random fixed-point networks: Dense, Sparse with delays and DelayDense groups, weight exponents from -8 to 7
        // (lanes), two groups from one source, recurrence; cores of 3 neurons spread them over many cores
        for (long seed = 1; seed <= 24; seed++) {
            long s = seed;
            a.add(Arguments.of("random-" + s, (Supplier<ProcessGraph>) () -> RandomNetworks.fixedPoint(s).graph(),
                    tiny));
        }
        a.add(Arguments.of("cuba-2000", (Supplier<ProcessGraph>) () -> Cuba.build(2000, 3).graph(),
                ChipConfigs.preset("loihi-like")));
        a.add(Arguments.of("cuba-1200-small-cores", (Supplier<ProcessGraph>) () -> Cuba.build(1200, 5).graph(),
                ChipConfigs.preset("loihi-like").withCoreNeurons(40)));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shouldEmitWhatTheArraysHold(String name, Supplier<ProcessGraph> graph, ChipConfig chip) {
        ChipProgram full = Compiler.compile(graph.get(), chip, CompileOptions.defaults()).program();
        ChipProgram streamed = Compiler.compile(graph.get(), chip, CompileOptions.defaults().withStreamed(true))
                .program();
        assertFalse(full.streamed());
        assertTrue(streamed.streamed());
        long offsets = 0;
        for (CoreProgram c : streamed.cores()) {
            offsets += 4L * (c.size() + 1);
        }
        assertEquals(offsets, streamed.tableBytes(), "a streamed program holds each neuron's route offsets, no synapse"
                + " or route arrays");
        java.util.Map<String, List<String>> fromArrays = record(full.segments());
        java.util.Map<String, List<String>> emitted = record(streamed.segments());
        assertFalse(fromArrays.isEmpty(), "the network has synapses to compare");
        assertEquals(fromArrays, emitted);
        assertEquals(record(streamed.segments()), emitted, "every read emits the same");
        assertEquals(full.segments().delays(), streamed.segments().delays());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shouldKeepEveryCount(String name, Supplier<ProcessGraph> graph, ChipConfig chip) {
        Compilation f = Compiler.compile(graph.get(), chip, CompileOptions.defaults());
        Compilation s = Compiler.compile(graph.get(), chip, CompileOptions.defaults().withStreamed(true));
        ChipProgram full = f.program();
        ChipProgram streamed = s.program();
        assertEquals(full.cores().size(), streamed.cores().size());
        assertEquals(full.synapses(), streamed.synapses());
        for (int c = 0; c < full.cores().size(); c++) {
            CoreProgram a = full.cores().get(c);
            CoreProgram b = streamed.cores().get(c);
            String at = name + " core " + c;
            assertEquals(a.globalCore(), b.globalCore(), at);
            assertEquals(a.synapses().axons(), b.synapses().axons(), at);
            assertEquals(a.synapses().synapses(), b.synapses().synapses(), at);
            assertEquals(a.synapses().maxDelay(), b.synapses().maxDelay(), at);
            assertArrayEquals(a.synapses().laneExp(), b.synapses().laneExp(), at);
            assertEquals(a.memoryBytes(), b.memoryBytes(), at);
            assertEquals(a.routes().slots(), b.routes().slots(), at);
            assertEquals(a.routes().neuronRoutes().length, b.routes().entries(), at);
            assertArrayEquals(a.routes().routeStart(), b.routes().routeStart(), at);
            assertArrayEquals(a.routes().treeLinks(), b.routes().treeLinks(), at);
        }
        assertEquals(f.report().cores(), s.report().cores(), "the mapping report's rows per core");
        List<int[][]> fromArrays = slots(full);
        List<int[][]> counted = slots(streamed);
        assertEquals(full.cores().size(), counted.size(), "every core is handed on once");
        long entries = 0;
        for (int c = 0; c < full.cores().size(); c++) {
            int[] dest = new int[full.cores().get(c).routes().slots()];
            for (int k = 0; k < dest.length; k++) {
                dest[k] = full.cores().get(c).routes().destCore(k);
            }
            assertArrayEquals(dest, fromArrays.get(c)[0], "slots in slot order, core " + c);
            assertArrayEquals(fromArrays.get(c)[0], counted.get(c)[0], "core " + c + "'s slots, counted from segments");
            assertArrayEquals(fromArrays.get(c)[1], counted.get(c)[1], "core " + c + "'s route entries per slot");
            entries += java.util.Arrays.stream(counted.get(c)[1]).sum();
            assertEquals(full.cores().get(c).routes().entries(), java.util.Arrays.stream(counted.get(c)[1]).sum());
        }
        assertTrue(entries > 0);
    }

    @Test
    void shouldCompileANetworkThatLearnsWithItsArrays() {
        ChipProgram p = Compiler.compile(Cuba.buildPlastic(400, 3, 4).graph(), ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults().withStreamed(true)).program();
        assertFalse(p.streamed(), "learning reads the synapse arrays");
        assertFalse(p.plastic().isEmpty());
        assertTrue(p.tableBytes() > 0);
    }

    @Test
    void shouldCompileForTheDetailedTimeModelWithItsArrays() {
        ChipProgram p = Compiler.compile(Cuba.build(400, 3).graph(),
                ChipConfigs.preset("loihi-like").withTimeModel(TimeModel.DETAILED),
                CompileOptions.defaults().withStreamed(true)).program();
        assertFalse(p.streamed(), "the detailed time model reads the route arrays");
        assertTrue(p.tableBytes() > 0);
    }

    @Test
    void shouldRefuseToReadAProgramThatDroppedItsArrays() {
        ChipProgram p = Compiler.compile(Cuba.build(400, 3).graph(), ChipConfigs.preset("loihi-like"),
                CompileOptions.defaults().withStreamed(true)).program();
        assertNotNull(p.segments());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.withoutTables().segments());
        assertTrue(e.getMessage().contains("dropped its synapse and route arrays"), e.getMessage());
    }

    /** Each core's slots as {@link RouteCounts} hands them on, checking that the cores come in order. */
    private static List<int[][]> slots(ChipProgram p) {
        List<int[][]> out = new ArrayList<>();
        try {
            RouteCounts.forEachCore(p, (core, dest, entries) -> {
                assertEquals(out.size(), core, "cores in order");
                out.add(new int[][]{dest, entries});
            });
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /**
     * Every segment and its synapses as text, by source neuron, in the order they are read. Only each neuron's order is
     * promised (a program with arrays is read source core by source core, a streamed one synapse group by group): a
     * simulator lays out each neuron's messages in that order.
     */
    private static java.util.Map<String, List<String>> record(SynapseSegments segments) {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        segments.forEach(new SynapseSegments.Sink() {
            int next;
            List<String> last;
            int lastDest;
            int first;
            int seen;
            int expected;

            @Override
            public int segment(int core, int neuron, int dest, int axon, int lane, int synapses) {
                assertEquals(expected, seen, "the last segment's synapses all came before this one");
                last = out.computeIfAbsent(core + "." + neuron, k -> new ArrayList<>());
                last.add("seg -> " + dest + ":" + axon + " lane " + lane + " n " + synapses);
                lastDest = dest;
                first = next;
                seen = 0;
                expected = synapses;
                next += synapses;
                return first;
            }

            @Override
            public void synapse(int dest, int place, int post, int weight, int delay) {
                assertEquals(lastDest, dest);
                assertEquals(first + seen, place, "synapses come in order at the places the sink gave");
                seen++;
                last.add("syn post " + post + " w " + weight + " d " + delay);
            }
        });
        return out;
    }
}
