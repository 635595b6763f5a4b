package org.spikemesh.cli.report;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cli.Main;

/** The report and the animation of a small chip run, checked against the run's own files. */
class ReportTest {
    private static final String NET = "format: spikemesh-network/1\n"
            + "processes:\n"
            + "  - {name: in, type: SpikeInput, shape: [4], spikes: {0: [1, 3, 5], 1: [2, 4], 2: [1], 3: [6, 7]}}\n"
            + "  - {name: w, type: Dense, weights: [[60, 60, 60, 60], [60, 0, 60, 0], [0, 60, 0, 60]],"
            + " num_weight_bits: 8, weight_exp: 0}\n"
            + "  - {name: pop, type: LIF, shape: [3], du: 4095, dv: 0, vth: 40, bias_mant: 0, bias_exp: 0}\n"
            + "connections:\n  - [in.s_out, w.s_in]\n  - [w.a_out, pop.a_in]\n";

    private static int cli(String... args) {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return code;
    }

    private static Path run(Path dir) throws IOException {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, NET);
        Path out = dir.resolve("run");
        cli("run", net.toString(), "--steps", "12", "--backend", "chip", "--chip", "teaching-2x2", "--record", "pop.v",
                "--out", out.toString(), "-q");
        return out;
    }

    @Test
    void shouldDrawOnePathPerPopulationAndTheSummaryFigures(@TempDir Path dir) throws IOException {
        Path out = run(dir);
        Path html = dir.resolve("report.html");
        cli("report", out.toString(), "-o", html.toString());
        String h = Files.readString(html);
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> lines = Files.readAllLines(out.resolve("spikes.csv"));
        long inSpikes = lines.stream().filter(l -> l.contains(",in,")).count();
        long popSpikes = lines.stream().filter(l -> l.contains(",pop,")).count();
        assertEquals(8, inSpikes, "the input's 8 scheduled spikes");
        assertTrue(popSpikes > 0, "the population must fire for the test to mean anything");
        assertEquals(1, count(h, "data-population=\"in\""));
        assertEquals(1, count(h, "data-population=\"pop\""));
        assertEquals(inSpikes, count(path(h, "in"), "h1.2"), "one mark per input spike");
        assertEquals(popSpikes, count(path(h, "pop"), "h1.2"), "one mark per population spike");
        assertTrue(h.contains("<b>" + s.path("spikes_total").asText() + "</b>spikes"));
        assertTrue(h.contains("<b>" + Svg.num(s.path("chip").path("energy_pj").path("total").asDouble() / 1e6) + " uJ</b>"));
        assertTrue(h.contains("<b>" + s.path("chip").path("counts").path("synaptic_ops").asText() + "</b>synaptic ops"));
        assertTrue(h.contains("pop.v"), "the recorded trace is drawn");
        // fixed point compares v with vth << 6: 40 * 64 = 2560
        assertTrue(h.contains("<title>threshold 2560</title>"), "the threshold line of pop.v");
        assertTrue(h.contains("class=\"spikes\""), "spike ticks on the trace");
        assertFalse(Pattern.compile("(src|href)=[\"']https?://").matcher(h).find(), "nothing loads from the network");
    }

    @Test
    void shouldAnimateEachStepWithItsOwnCounts(@TempDir Path dir) throws IOException {
        Path out = run(dir);
        Path html = dir.resolve("anim.html");
        cli("animate", out.toString(), "-o", html.toString(), "--window", "12");
        String h = Files.readString(html);
        assertTrue(h.contains("<svg id=\"mesh\""));
        assertFalse(Pattern.compile("(src|href)=[\"']https?://").matcher(h).find());
        // the panel of every step carries the step's row of time_per_step.csv and energy_per_step.csv
        List<String> time = Files.readAllLines(out.resolve("time_per_step.csv"));
        List<String> energy = Files.readAllLines(out.resolve("energy_per_step.csv"));
        for (int step = 1; step <= 12; step++) {
            String[] t = time.get(step).split(",");
            String e = energy.get(step).split(",")[1];
            assertTrue(h.contains("\"" + step + "\":[" + t[1] + "," + t[2] + "," + t[3] + "," + t[4] + "," + t[5] + "," + e
                    + "]"), "panel of step " + step);
        }
        // step 1: input neurons 0 and 2 fire; they sit on one core
        assertTrue(h.contains("\"1\":[[0,2]]") || h.contains("\"1\":[[1,2]]") || h.contains("\"1\":[[2,2]]")
                || h.contains("\"1\":[[3,2]]"), "two input spikes at step 1 on the input core");
    }

    @Test
    void shouldRefuseAWindowThatStartsAfterTheRun(@TempDir Path dir) throws IOException {
        Path out = run(dir);
        Path html = dir.resolve("anim.html");
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        // the run has 12 steps: a window from step 13 would show nothing
        assertEquals(2, cl.execute("animate", out.toString(), "-o", html.toString(), "--from", "13"));
        assertTrue(err.toString().contains("--from 13 is past the last step of the run in " + out + " (12 steps)"),
                err.toString());
        assertFalse(Files.exists(html), "no file written");
    }

    private static String path(String h, String population) {
        Matcher m = Pattern.compile("data-population=\"" + population + "\" d=\"([^\"]*)\"").matcher(h);
        assertTrue(m.find());
        return m.group(1);
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    /**
     * With rows of 5 steps (--counters-every 5: rows end at steps 5, 10 and 12) the report names the slowest row by
     * the steps it sums, every row compared, and the slowest single step from summary.json; the barrier per step is
     * the chip's barrier for the tiles in use (teaching-2x2's table), not the fastest step's time.
     */
    @Test
    void shouldNameTheSlowestRowByItsStepsAndTheBarrierPerStep(@TempDir Path dir) throws IOException {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, NET);
        Path out = dir.resolve("rows");
        cli("run", net.toString(), "--steps", "12", "--backend", "chip", "--chip", "teaching-2x2", "--counters-every",
                "5", "--out", out.toString(), "-q");
        Path html = dir.resolve("rows.html");
        cli("report", out.toString(), "-o", html.toString());
        String h = Files.readString(html);
        List<String> rows = Files.readAllLines(out.resolve("time_per_step.csv")).subList(1, 4);
        int slowest = 0;
        for (int r = 1; r < 3; r++) {
            if (Double.parseDouble(rows.get(r).split(",")[1]) > Double.parseDouble(rows.get(slowest).split(",")[1])) {
                slowest = r;
            }
        }
        String[] steps = {"1-5", "6-10", "11-12"};
        JsonNode chip = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("chip");
        assertTrue(h.contains("Slowest row, steps " + steps[slowest] + ": "), h);
        assertTrue(h.contains("the slowest single step took "
                + org.spikemesh.cli.report.Svg.num(chip.path("step_time_ns").path("max").asDouble()) + " ns"));
        double barrier = org.spikemesh.chip.ChipConfigs.preset("teaching-2x2").barrierNs(chip.path("tiles_in_use").asInt());
        assertTrue(h.contains("Barrier per step: " + Svg.num(barrier) + " ns."), "barrier " + barrier);
        assertTrue(h.contains("Simulated time per row of 5 steps, summed (ns)"));
    }

    /**
     * A spike after step 10 737 419 overflowed the spike-rate bins ((step - 1) * 200 in an int) and the report failed.
     * A 12-step run's files with its steps set to 11 000 000 and one spike moved to the last step: the report is drawn.
     */
    @Test
    void shouldDrawSpikesOfRunsLongerThanAnIntOfBinsAllows(@TempDir Path dir) throws IOException {
        Path out = run(dir);
        Path summary = out.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"steps\" : 12,", "\"steps\" : 11000000,"));
        assertTrue(Files.readString(summary).contains("\"steps\" : 11000000,"));
        List<String> spikes = new java.util.ArrayList<>(Files.readAllLines(out.resolve("spikes.csv")));
        String[] last = spikes.get(spikes.size() - 1).split(",");
        spikes.set(spikes.size() - 1, "11000000," + last[1] + "," + last[2]);
        Files.write(out.resolve("spikes.csv"), spikes);
        Path html = dir.resolve("long.html");
        cli("report", out.toString(), "-o", html.toString());
        assertTrue(Files.readString(html).contains("Spikes per step by population"));
    }
}
