package org.spikemesh.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;

/** Sweep files: expansion into points, random draws, chip edits, and one-line errors naming file and field. */
class SweepFileTest {
    private static final String HEAD = "format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 100}\n"
            + "chip: teaching-2x2\nsteps: 10\n";

    @TempDir
    Path dir;

    private SweepSpec parse(String text) {
        return SweepFile.load(SweepFiles.write(dir, "s.yaml", text));
    }

    @Test
    void shouldExpandTheGridWithTheFirstPathVaryingSlowest() {
        SweepSpec s = parse(HEAD + "grid:\n  core.max_neurons: [16, 32, 64]\n  barrier.energy_pj: [1, 2]\n");
        List<PointJob> p = SweepPlan.points(s);
        assertEquals(6, p.size());
        int[] neurons = {16, 16, 32, 32, 64, 64};
        double[] barrier = {1, 2, 1, 2, 1, 2};
        for (int i = 0; i < 6; i++) {
            ChipConfig c = ChipConfigs.parse(p.get(i).chipYaml(), "t");
            assertEquals(i, p.get(i).index());
            assertEquals(neurons[i], c.core().maxNeurons());
            assertEquals(barrier[i], c.barrier().energyPj());
            assertEquals(4, c.mesh().coresPerChip(), "untouched fields keep the preset's values");
        }
    }

    @Test
    void shouldEditListEntriesAndNestedCostsByDottedPath() {
        SweepSpec s = parse(HEAD + "grid:\n  barrier.table.1.time_ns: [800]\n  core.synapse_encoding.weight_bits: [8]\n"
                + "  router.hop_east_west.energy_pj: [12.5]\n  router.multicast: [true]\n");
        ChipConfig c = ChipConfigs.parse(SweepPlan.points(s).get(0).chipYaml(), "t");
        assertEquals(800.0, c.barrier().timeNs().get(1));
        assertEquals(100.0, c.barrier().timeNs().get(0));
        assertEquals(8, c.core().encoding().weightBits());
        assertEquals(12.5, c.router().hopEastWest().energyPj());
        assertTrue(c.router().multicast());
    }

    @Test
    void shouldVaryTheSeedOfEachPointWithTheSeedPath() {
        SweepSpec s = parse(HEAD + "seed: 9\ngrid:\n  seed: [3, 4]\n");
        List<PointJob> p = SweepPlan.points(s);
        assertEquals(List.of(3L, 4L), List.of(p.get(0).seed(), p.get(1).seed()));
        assertEquals(p.get(0).chipYaml(), p.get(1).chipYaml());
        assertEquals(9, parse(HEAD + "seed: 9\n").seed());
        assertEquals(1, SweepPlan.points(parse(HEAD + "seed: 9\n")).size(), "no parameters: one point");
    }

    static LongStream seeds() {
        return LongStream.range(1, 21);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldDrawRandomValuesInRangeTheSameWayForTheSameSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int lo = 1 + r.nextInt(1000);
        int hi = lo + r.nextInt(100_000);
        int samples = 1 + r.nextInt(12);
        String text = HEAD + "random:\n  samples: " + samples + "\n  seed: " + seed + "\n  parameters:\n"
                + "    core.synapse_memory_bytes: {min: " + lo + ", max: " + hi + ", integer: true}\n"
                + "    router.link_bandwidth_msgs_per_ns: {min: 0.01, max: 10, log: true}\n"
                + "    router.multicast: {choice: [true, false]}\n";
        List<PointJob> a = SweepPlan.points(parse(text));
        List<PointJob> b = SweepPlan.points(parse(text));
        assertEquals(samples, a.size());
        for (int i = 0; i < samples; i++) {
            assertEquals(a.get(i).toJson(), b.get(i).toJson());
            ChipConfig c = ChipConfigs.parse(a.get(i).chipYaml(), "t");
            long mem = c.core().synapseMemoryBytes();
            assertTrue(mem >= lo && mem <= hi, mem + " outside " + lo + ".." + hi);
            double bw = c.router().linkBandwidthMsgsPerNs();
            assertTrue(bw >= 0.01 && bw <= 10, "bandwidth " + bw);
            JsonNode drawn = a.get(i).params().get("core.synapse_memory_bytes");
            assertTrue(drawn.isIntegralNumber(), "integer: true draws whole numbers");
        }
    }

    @Test
    void shouldCrossEveryGridCombinationWithTheSameRandomDraws() {
        List<PointJob> p = SweepPlan.points(parse(HEAD + "grid:\n  core.max_neurons: [16, 32]\nrandom:\n  samples: 3\n"
                + "  parameters:\n    barrier.energy_pj: {min: 1, max: 100}\n"));
        assertEquals(6, p.size());
        for (int s = 0; s < 3; s++) {
            assertEquals(p.get(s).params().get("barrier.energy_pj"), p.get(3 + s).params().get("barrier.energy_pj"));
        }
        Set<String> keys = new HashSet<>();
        p.forEach(j -> keys.add(j.key()));
        assertEquals(6, keys.size(), "every point has its own key");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("format: spikemesh-sweep/9\n", "format", "valid is spikemesh-sweep/1"),
                Arguments.of(HEAD + "stepz: 3\n", "stepz", "valid fields here are"),
                Arguments.of(HEAD.replace("steps: 10", "steps: 0"), "steps", "valid is a whole number in 1.."),
                Arguments.of(HEAD.replace("teaching-2x2", "loihi-liek"), "chip", "neither a preset"),
                Arguments.of(HEAD.replace("cuba", "hopfield"), "network.builtin", "valid are cuba"),
                Arguments.of(HEAD.replace("{builtin: cuba, neurons: 100}", "{file: missing.yaml}"), "network.file",
                        "file not found"),
                Arguments.of(HEAD + "grid:\n  core.max_nerons: [1]\n", "grid.core.max_nerons",
                        "no chip field 'max_nerons' in core"),
                Arguments.of(HEAD + "grid:\n  core: [1]\n", "grid.core", "is not a single value"),
                Arguments.of(HEAD + "grid:\n  barrier.table.7.time_ns: [1]\n", "grid.barrier.table.7.time_ns",
                        "valid are 0..1"),
                Arguments.of(HEAD + "grid:\n  core.max_neurons: []\n", "grid.core.max_neurons", "non-empty list"),
                Arguments.of(HEAD + "grid:\n  core.max_neurons: [8, 8]\n", "grid.core.max_neurons", "listed twice"),
                Arguments.of(HEAD + "grid:\n  core.max_neurons: [0]\n", "core.max_neurons", "out of range; valid is 1.."),
                Arguments.of(HEAD + "grid:\n  core.clock_mhz: [fast]\n", "core.clock_mhz", "is not a number"),
                Arguments.of(HEAD + "random:\n  samples: 2\n  parameters:\n    core.clock_mhz: {min: 5, max: 1}\n",
                        "random.parameters.core.clock_mhz.max", "valid is max >= min"),
                Arguments.of(HEAD + "random:\n  samples: 2\n  parameters:\n    core.clock_mhz: {min: 0, max: 1, log: true}\n",
                        "random.parameters.core.clock_mhz.min", "valid is min > 0"),
                Arguments.of(HEAD + "random:\n  parameters:\n    core.clock_mhz: {min: 1, max: 2}\n", "random.samples",
                        "is missing"),
                Arguments.of(HEAD + "metrics: [energy, power]\n", "metrics", "valid are energy, energy_by_kind"),
                Arguments.of(HEAD + "grid: [1, 2]\n", "grid", "must be a mapping"),
                Arguments.of(HEAD + "steps: [", "s.yaml:", "not valid YAML"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void shouldRejectABadFileWithOneLineNamingTheFileAndField(String text, String field, String valid) {
        SweepException e = assertThrows(SweepException.class, () -> SweepPlan.points(parse(text)));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(dir.resolve("s.yaml").toString()), m);
        assertTrue(m.contains(field), "names " + field + ": " + m);
        assertTrue(m.contains(valid), "says what is valid (" + valid + "): " + m);
    }

    /**
     * A network file with a parameter out of range is refused when the sweep file is read, naming both files and the
     * field; it was the failure of every point, on the member that ran it, naming neither file.
     */
    @Test
    void shouldCheckTheNetworkFileBeforeAnyPointRuns() throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: a, type: LIF, shape: [1], du: 9999}\n");
        SweepException e = assertThrows(SweepException.class, () -> parse("format: spikemesh-sweep/1\n"
                + "network: {file: bad.yaml}\nchip: teaching-2x2\nsteps: 10\n"));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.resolve("s.yaml") + ": "), m);
        assertTrue(m.contains("network.file"), m);
        assertTrue(m.contains(dir.resolve("bad.yaml").toString()), m);
        assertTrue(m.contains("process 'a', field 'du': value 9999 is out of range; valid is 0..4095"), m);
    }

    @Test
    void shouldReadAMissingFileAsOneLine() {
        SweepException e = assertThrows(SweepException.class, () -> SweepFile.load(dir.resolve("nope.yaml")));
        assertEquals(dir.resolve("nope.yaml") + ": file not found", e.getMessage());
    }

    @Test
    void shouldSplitIntoDisjointSlicesThatCoverEveryPoint() {
        for (int n = 1; n <= 5; n++) {
            List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Shard s = Shard.parse(i + "/" + n);
                for (int p = 0; p < 17; p++) {
                    if (s.contains(p)) {
                        all.add(p);
                    }
                }
            }
            all.sort(null);
            assertEquals(17, all.size());
            for (int p = 0; p < 17; p++) {
                assertEquals(p, all.get(p));
            }
        }
        for (String bad : List.of("0/2", "3/2", "1", "a/b", "1/0")) {
            SweepException e = assertThrows(SweepException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("valid is i/N"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseAKeyGivenTwice() {
        SweepException e = assertThrows(SweepException.class, () -> parse(HEAD + "steps: 20\n"));
        assertTrue(e.getMessage().endsWith("s.yaml:5: not valid YAML: Duplicate field 'steps'"), e.getMessage());
    }
}
