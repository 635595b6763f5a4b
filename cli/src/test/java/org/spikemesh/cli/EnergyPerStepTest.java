package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * energy_per_step.csv by kind, and the barrier energy of a run whose series sum several steps a row: the example
 * lif_dense_lif for 12 steps on teaching-2x2, which charges 50 pJ per barrier and 1 mW of static power (1 pJ per
 * simulated ns); see its preset.
 */
class EnergyPerStepTest {
    private static final List<String> KINDS = List.of("synaptic_ops", "neuron_updates", "spikes", "hops", "inter_chip",
            "learning", "barrier", "static");

    private static Path run(Path dir, String name, int every) throws IOException {
        Path net = Path.of("../examples/networks/lif_dense_lif.yaml");
        Path out = dir.resolve(name);
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("run", net.toString(), "--steps", "12", "--backend", "chip", "--chip",
                "teaching-2x2", "--counters-every", Integer.toString(every), "--out", out.toString(), "-q"),
                err.toString());
        return out;
    }

    private static double[][] rows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("energy_per_step.csv"));
        StringBuilder header = new StringBuilder("step,energy_pj");
        KINDS.forEach(k -> header.append(',').append(k).append("_pj"));
        assertEquals(header.toString(), lines.get(0));
        double[][] r = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            r[i - 1] = java.util.Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return r;
    }

    @Test
    void shouldSplitEveryStepsEnergyByKindAddingUpToItsTotalAndTheRunsKinds(@TempDir Path dir) throws IOException {
        Path out = run(dir, "every1", 1);
        double[][] r = rows(out);
        JsonNode kinds = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip").path("energy_pj");
        assertEquals(12, r.length);
        double[] column = new double[KINDS.size()];
        for (int i = 0; i < r.length; i++) {
            assertEquals(i + 1, (int) r[i][0]);
            double sum = 0;
            for (int k = 0; k < KINDS.size(); k++) {
                sum += r[i][2 + k];
                column[k] += r[i][2 + k];
            }
            assertEquals(r[i][1], sum, 1e-9 * r[i][1], "the kinds of step " + (i + 1) + " add up to its energy");
            // one barrier a step: 50 pJ
            assertEquals(50.0, r[i][2 + KINDS.indexOf("barrier")], 0.0);
        }
        // lif1 fires from step 4 on into lif2: synaptic ops and spikes are charged
        assertTrue(column[KINDS.indexOf("synaptic_ops")] > 0 && column[KINDS.indexOf("spikes")] > 0);
        for (int k = 0; k < KINDS.size(); k++) {
            assertEquals(kinds.path(KINDS.get(k)).asDouble(), column[k], 1e-9 * Math.max(1, column[k]),
                    "the steps' " + KINDS.get(k) + " add up to the run's");
        }
    }

    @Test
    void shouldChargeEveryStepsBarrierWhenTheRowsSumSeveralSteps(@TempDir Path dir) throws IOException {
        Path one = run(dir, "every1", 1);
        Path five = run(dir, "every5", 5);
        double[][] r = rows(five);
        // 12 steps, 5 a row: rows end at steps 5, 10 and 12, with 5, 5 and 2 barriers of 50 pJ
        assertEquals(3, r.length);
        int barrier = 2 + KINDS.indexOf("barrier");
        assertEquals(List.of(5.0, 10.0, 12.0), List.of(r[0][0], r[1][0], r[2][0]));
        assertEquals(List.of(250.0, 250.0, 100.0), List.of(r[0][barrier], r[1][barrier], r[2][barrier]));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(one.resolve("summary.json").toFile()).path("chip").path("energy_pj");
        JsonNode b = json.readTree(five.resolve("summary.json").toFile()).path("chip").path("energy_pj");
        // 12 barriers of 50 pJ however the series are cut; the summary's energy does not depend on the rows
        assertEquals(600.0, b.path("barrier").asDouble(), 0.0);
        for (String k : KINDS) {
            assertEquals(a.path(k).asDouble(), b.path(k).asDouble(), 0.0, k);
        }
        assertEquals(a.path("total").asDouble(), b.path("total").asDouble(), 0.0);
    }

    /**
     * Runs ChipCostTest's one spike over one hop (TimeModelCommandTest's network: an input neuron fires at step 1 into
     * a LIF on the next tile, which never fires) for 3 steps on teaching-2x2; returns its --out.
     */
    private static Path fanIn(Path dir) throws IOException {
        Path net = TimeModelCommandTest.network(dir);
        Path out = dir.resolve("fan");
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("run", net.toString(), "--steps", "3", "--backend", "chip", "--chip", "teaching-2x2",
                "--out", out.toString(), "-q"));
        return out;
    }

    @Test
    void shouldSplitEachCoresEnergyByKind(@TempDir Path dir) throws IOException {
        List<String> rows = Files.readAllLines(fanIn(dir).resolve("core_counters.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals(List.of("synaptic_ops_pj", "neuron_updates_pj", "spikes_pj"), header.subList(header.size() - 3,
                header.size()));
        int energy = header.indexOf("energy_pj");
        int kinds = header.size() - 3;
        // the input core sends its one spike: 5 pJ. The LIF core: its synaptic op 10 pJ; an inactive update (10 pJ)
        // at step 1, then active ones (20 pJ) at steps 2 and 3: 50 pJ; the message it received 5 pJ
        String[] in = rows.get(1).split(",");
        String[] lif = rows.get(2).split(",");
        assertEquals("in", in[1]);
        assertEquals(List.of("0", "0", "5"), List.of(in).subList(kinds, kinds + 3));
        assertEquals("lif", lif[1]);
        assertEquals(List.of("10", "50", "5"), List.of(lif).subList(kinds, kinds + 3));
        assertEquals("5", in[energy]);
        assertEquals("65", lif[energy]);
    }

    /**
     * loihi-calibrated made multicast charges message_out per (spike, destination core), not per message. Three
     * input neurons each fire once at step 1 into two LIFs on two other tiles, pinned apart: 3 spikes, each one
     * multicast message to 2 destination cores, so 6 pairs of 111 pJ = 666 pJ and 6 x 5.1 = 30.6 ns on the input
     * core (input cores charge no neuron events). The per-core energy took the pairs equal to the messages (333 pJ).
     */
    @Test
    void shouldChargeEachCoresDestinationCoresOnAMulticastRouter(@TempDir Path dir) throws IOException {
        String preset = new String(Objects.requireNonNull(org.spikemesh.chip.ChipConfigs.class.getResourceAsStream(
                "presets/loihi-calibrated.yaml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Path chip = dir.resolve("multicast.yaml");
        Files.writeString(chip, preset.replace("multicast: false", "multicast: true"));
        Path net = dir.resolve("two.yaml");
        Files.writeString(net, String.join("\n", "format: spikemesh-network/1", "processes:",
                "  - {name: stim, type: SpikeInput, shape: [3], spikes: {0: [1], 1: [1], 2: [1]}}",
                "  - {name: w, type: Dense, weights: [[10, 10, 10]]}",
                "  - {name: w2, type: Dense, weights: [[10, 10, 10]]}",
                "  - {name: x, type: LIF, shape: [1], du: 4095, dv: 0, vth: 100}",
                "  - {name: x2, type: LIF, shape: [1], du: 4095, dv: 0, vth: 100}",
                "connections:", "  - [stim.s_out, w.s_in]", "  - [w.a_out, x.a_in]", "  - [stim.s_out, w2.s_in]",
                "  - [w2.a_out, x2.a_in]", ""));
        Path pins = dir.resolve("pins.csv");
        Files.writeString(pins, "population,first_neuron,chip,core\nstim,0,0,0\nx,0,0,36\nx2,0,0,12\n");
        Path out = dir.resolve("mc");
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("run", net.toString(), "--steps", "3", "--backend", "chip", "--chip", chip.toString(),
                "--placement", pins.toString(), "--out", out.toString(), "-q"), err.toString());
        List<String> rows = Files.readAllLines(out.resolve("core_counters.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        String[] stim = rows.stream().filter(r -> r.split(",")[1].equals("stim")).findFirst().orElseThrow().split(",");
        assertEquals("3", stim[header.indexOf("messages_out")], "one multicast message a spike");
        assertEquals(666.0, Double.parseDouble(stim[header.indexOf("spikes_pj")]), 1e-9);
        assertEquals(30.6, Double.parseDouble(stim[header.indexOf("busy_ns")]), 1e-9);
        double spikes = 0;
        for (String r : rows.subList(1, rows.size())) {
            spikes += Double.parseDouble(r.split(",")[header.indexOf("spikes_pj")]);
        }
        double run = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("chip").path("energy_pj").path("spikes").asDouble();
        assertEquals(run, spikes, 1e-9, "the cores' spike energy adds up to the run's");
    }

    @Test
    void shouldGiveTheChipsAveragePowerAndSynapticOpsPerSecond(@TempDir Path dir) throws IOException {
        // ChipCostTest's one spike over one hop as a network file: an input neuron fires at step 1 into one LIF that
        // never fires. 3 steps on teaching-2x2 take 213 + 202 + 202 = 617 ns and 303 + 272 + 272 = 847 pJ (worked
        // out there), with 1 synaptic op
        Path out = fanIn(dir);
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        JsonNode c = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip");
        assertEquals(617.0, c.path("simulated_time_ns").asDouble(), 1e-9);
        assertEquals(847.0, c.path("energy_pj").path("total").asDouble(), 1e-9);
        // 847 pJ over 617 ns: 1.372771 mW; 1 synaptic op in 617 ns: 1 / 6.17e-7 s = 1 620 745.5 per second
        assertEquals(1.372771, c.path("average_power_mw").asDouble(), 1e-6);
        assertEquals(1_620_745.5, c.path("synaptic_ops_per_second").asDouble(), 0.1);
        Path html = dir.resolve("fan.html");
        assertEquals(0, cl.execute("report", out.toString(), "-o", html.toString()));
        String h = Files.readString(html);
        assertTrue(h.contains("<b>1.373 mW</b>average power on chip"));
        // each population's energy by kind, from its cores' columns: the LIF's 10 / 50 / 5 pJ (see below) and 65 in all
        assertTrue(h.contains("<title>lif, synaptic ops: 10 pJ</title>") && h.contains("<title>lif, neuron updates: 50 pJ"
                + "</title>") && h.contains("<title>lif, spikes: 5 pJ</title>") && h.contains(">65 pJ</text>"), h);
    }

    @Test
    void shouldDrawTheEnergyPerStepStackedByTheKindsCharged(@TempDir Path dir) throws IOException {
        Path out = run(dir, "every1", 1);
        Path html = dir.resolve("report.html");
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("report", out.toString(), "-o", html.toString()));
        String h = Files.readString(html);
        // teaching-2x2 has one chip and no learning here: no inter-chip nor learning line
        assertTrue(h.contains("Energy per step (pJ), stacked by kind: synaptic ops, + neuron updates, + spikes, + hops,"
                + " + barrier, + static"), "the stacked chart's title");
        assertTrue(h.contains("<title>+ static</title>"), "the top line, the total, is named");
        assertFalse(h.contains("<title>+ inter chip</title>"), "a kind that stays 0 is left out");
    }
}
