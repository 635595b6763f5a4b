package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikemesh run --time-model}: the critical core and link of each step in time_per_step.csv and summary.json. */
class TimeModelCommandTest {
    /** One input spike at step 1 into a LIF on another tile: pinned input core 0 (tile (0,0)), LIF core 4 (tile (1,0)). */
    static Path network(Path dir) throws IOException {
        Path net = dir.resolve("n.yaml");
        Files.writeString(net, "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: in, type: SpikeInput, shape: [1], spikes: {0: [1]}}\n"
                + "  - {name: w, type: Dense, weights: [[10]], num_weight_bits: 8, weight_exp: 0}\n"
                + "  - {name: lif, type: LIF, shape: [1], model: fixed_pt, du: 4095, dv: 0, vth: 1000}\n"
                + "connections:\n  - [in.s_out, w.s_in]\n  - [w.a_out, lif.a_in]\n");
        Files.writeString(dir.resolve("pins.csv"), "population,first_neuron,chip,core\nin,0,0,0\nlif,0,0,4\n");
        return net;
    }

    @Test
    void shouldReportTheCriticalCoreAndLinkOfEveryStep(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        RunCommandTest.Result r = RunCommandTest.cli("run", network(dir).toString(), "--backend", "chip", "--chip",
                "loihi-calibrated", "--placement", dir.resolve("pins.csv").toString(), "--steps", "2", "--threads", "1",
                "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("time_per_step.csv"));
        assertTrue(rows.get(0).endsWith(",critical_link"), rows.get(0));
        // step 1: the message leaves core 0 at 5.1 ns, crosses the link east of tile (0,0) (4.1 ns) and core 4 takes it
        // in 16 + 3.8 ns -> 29.0 ns + sync 1000 ns (2 tiles) = 1029 ns; core 4 and that link set the step. The senders'
        // side ends at 6.0 (the LIF's update at rest, after in's send at 5.1), routing is the rest, 29.0 - 6.0 = 23.
        // Columns: step, time, critical core, spikes, synops, busiest link, compute, routing, barrier, critical link.
        assertEquals("1,1029,4,1,1,1,6,23,1000,0:0:east", rows.get(1));
        // step 2: no message; the LIF's update (u = v = 640: 6.0 + 3.7 ns) sets it, on no link
        assertTrue(rows.get(2).startsWith("2,1009.7,4,"), rows.get(2));
        assertTrue(rows.get(2).endsWith(","), rows.get(2));
        JsonNode chip = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("chip");
        assertEquals("detailed", chip.get("time_model").asText());
        assertEquals(2, chip.get("critical").get("cores").get("4").asInt());
        assertEquals(1, chip.get("critical").get("links").get("0:0:east").asInt());
    }

    /**
     * Learning under the detailed model starts once the core has processed the messages it received (the update reads
     * the pre spike they bring). stdp_pair on loihi-calibrated (one tile: sync 600 ns), step 10: pre fires, its
     * message leaves at 5.1 ns (message_out) and the post core takes it in 16 + 3.8 ns (message_receive, dense
     * synop) until 24.9 ns; its neuron access (6.0 ns) is done by then; the plastic synapse's one update, 6.1 ns, ends
     * at 31.0 ns: 631 ns with the sync. The update was put after the core's own last entry (6.0 + 6.1 = 12.1), and
     * the step ended at 624.9 ns with the synapse updated before the spike it reads had been processed.
     */
    @Test
    void shouldLearnAfterTheStepsDeliveriesUnderTheDetailedModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("stdp");
        RunCommandTest.Result r = RunCommandTest.cli("run", "../examples/networks/stdp_pair.yaml", "--backend", "chip",
                "--chip", "loihi-calibrated", "--steps", "12", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("time_per_step.csv"));
        // step, time, critical core, spikes, synops, busiest link, compute (sends and learning), routing, barrier
        assertTrue(rows.get(10).startsWith("10,631,"), rows.get(10));
        assertTrue(rows.get(10).contains(",31,0,600,"), rows.get(10));
    }

    /**
     * routes.csv comes from the compiled program, written before the run (the engine keeps the program without its
     * route arrays): the input core 0 sends its one neuron's spike to core 4, one tile east, over one route entry.
     */
    @Test
    void shouldWriteTheRoutesOfTheProgram(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        RunCommandTest.Result r = RunCommandTest.cli("run", network(dir).toString(), "--backend", "chip", "--chip",
                "loihi-like", "--placement", dir.resolve("pins.csv").toString(), "--steps", "2", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("core,dest_core,route_entries,hops_east_west,hops_north_south", "0,4,1,1,0"),
                Files.readAllLines(out.resolve("routes.csv")));
    }

    @Test
    void shouldOverrideTheChipsTimeModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        RunCommandTest.Result r = RunCommandTest.cli("run", network(dir).toString(), "--backend", "chip", "--chip",
                "loihi-calibrated", "--time-model", "per-step", "--placement", dir.resolve("pins.csv").toString(),
                "--steps", "1", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("per-step", summary.get("chip").get("time_model").asText());
        // written in the same order by every JVM (Map.of's order changes from one JVM to the next)
        List<String> versions = new java.util.ArrayList<>();
        summary.get("versions").fieldNames().forEachRemaining(versions::add);
        assertEquals(List.of("spikemesh", "java"), versions);
    }

    @Test
    void shouldRejectAnUnknownTimeModel(@TempDir Path dir) throws IOException {
        RunCommandTest.Result r = RunCommandTest.cli("run", network(dir).toString(), "--backend", "chip",
                "--time-model", "exact", "--steps", "1", "--quiet", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("spikemesh run: --time-model 'exact' is not valid; valid are per-step, detailed", r.err().strip());
    }
}
