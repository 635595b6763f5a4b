package org.spikemesh.compiler.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.chip.CoreCoord;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.io.RandomNetworks;

/**
 * The compiler numbers a program's cores by their place on the chip, and any renumbering of a program is the same
 * chip: every core keeps its neurons, memory, routes and place; every route still goes from and to the same physical
 * cores, with the same hops and latency; the synapses a program emits (from its arrays or streamed) are the same,
 * core by physical core.
 */
class CoreOrderTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void shouldKeepEveryCoreAndRouteWhereItIs(long seed) {
        // cores of 3 neurons: a random network over many cores, several of them on one tile
        ChipConfig chip = ChipConfigs.preset("loihi-like").withCoreNeurons(3);
        for (boolean streamed : new boolean[]{false, true}) {
            ChipProgram p = Compiler.compile(RandomNetworks.fixedPoint(seed).graph(), chip,
                    CompileOptions.defaults().withStreamed(streamed)).program();
            int n = p.cores().size();
            assertTrue(n >= 4, "cores: " + n);
            for (int k = 0; k < n; k++) {
                CoreProgram c = p.cores().get(k);
                assertEquals(k, c.index());
                assertTrue(k == 0 || p.cores().get(k - 1).globalCore() < c.globalCore(), "in the order of places");
                // the tile arrays agree with the chip's coordinates of the core (one chip: no chip offset)
                CoreCoord at = p.chip().coord(c.globalCore());
                assertEquals(at.tileX(), p.tileX()[k]);
                assertEquals(at.tileY(), p.tileY()[k]);
            }
            assertSame(p, CoreOrder.byPlace(p), "already in place order");
            int[] newIndex = shuffle(n, new SplittableRandom(seed));
            ChipProgram q = CoreOrder.renumbered(p, newIndex);
            for (int k = 0; k < n; k++) {
                CoreProgram a = p.cores().get(k);
                CoreProgram b = q.cores().get(newIndex[k]);
                assertEquals(newIndex[k], b.index());
                assertEquals(a.globalCore(), b.globalCore());
                assertSame(a.process(), b.process());
                assertEquals(a.lo(), b.lo());
                assertSame(a.synapses(), b.synapses());
                assertEquals(newIndex[k], b.routes().source());
                assertEquals(a.routes().slots(), b.routes().slots());
                assertEquals(p.tileX()[k], q.tileX()[newIndex[k]]);
                assertEquals(p.tileY()[k], q.tileY()[newIndex[k]]);
                for (int s = 0; !streamed && s < a.routes().slots(); s++) {
                    assertEquals(newIndex[a.routes().destCore(s)], b.routes().destCore(s));
                    assertEquals(a.routes().latencyNs(s), b.routes().latencyNs(s));
                    assertEquals(a.routes().hopsEastWest(s), b.routes().hopsEastWest(s));
                    assertEquals(a.routes().hopsNorthSouth(s), b.routes().hopsNorthSouth(s));
                }
            }
            assertEquals(byPlace(p), byPlace(q), "the same synapses from and to the same physical cores");
            ChipProgram back = CoreOrder.byPlace(q);
            for (int k = 0; k < n; k++) {
                assertEquals(p.cores().get(k).globalCore(), back.cores().get(k).globalCore());
            }
            assertEquals(byPlace(p), byPlace(back));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"twice", "out of range", "too few"})
    void shouldRefuseWhatIsNotARenumbering(String what) {
        ChipProgram p = Compiler.compile(RandomNetworks.fixedPoint(1).graph(),
                ChipConfigs.preset("loihi-like").withCoreNeurons(3), CompileOptions.defaults()).program();
        int n = p.cores().size();
        int[] newIndex = shuffle(n, new SplittableRandom(9));
        if (what.equals("twice")) {
            newIndex[1] = newIndex[0];
        } else if (what.equals("out of range")) {
            newIndex[0] = n;
        } else {
            newIndex = java.util.Arrays.copyOf(newIndex, n - 1);
        }
        int[] bad = newIndex;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoreOrder.renumbered(p, bad));
        assertTrue(e.getMessage().contains(what.equals("too few") ? (n - 1) + " new indices for " + n + " cores"
                : "out of 0.." + (n - 1) + " or given twice"), e.getMessage());
    }

    private static int[] shuffle(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Every segment and synapse the program emits, per source neuron, with cores named by their global number. */
    private static Map<String, List<String>> byPlace(ChipProgram p) {
        Map<String, List<String>> out = new TreeMap<>();
        p.segments().forEach(new SynapseSegments.Sink() {
            List<String> last;

            @Override
            public int segment(int core, int neuron, int dest, int axon, int lane, int synapses) {
                last = out.computeIfAbsent(p.cores().get(core).globalCore() + "." + neuron, k -> new ArrayList<>());
                last.add("-> " + p.cores().get(dest).globalCore() + ":" + axon + " lane " + lane + " n " + synapses);
                return 0;
            }

            @Override
            public void synapse(int dest, int place, int post, int weight, int delay) {
                last.add(p.cores().get(dest).globalCore() + " post " + post + " w " + weight + " d " + delay);
            }
        });
        return out;
    }
}
