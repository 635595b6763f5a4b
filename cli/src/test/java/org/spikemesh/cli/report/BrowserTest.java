package org.spikemesh.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cli.Main;

/**
 * Opens the report and the player in headless Chromium (Debian's {@code chromium}; skipped when it is not installed)
 * and reads back the DOM after the scripts ran: no script errors, the player advances when played, and a step chosen
 * with the slider (through the page's {@code #step=N} address) shows that step's counts. Screenshots are left in
 * {@code target/browser/} for people to look at.
 */
@Tag("browser")
class BrowserTest {
    private static String chromium;

    @BeforeAll
    static void findChromium() {
        for (String c : new String[]{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                chromium = c;
                return;
            }
        }
    }

    private static String[] browser(Path page, String hash, String mode, Path shot) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=4000", "--window-size=1400,1000"));
        cmd.add(mode);
        cmd.add(page.toUri() + hash);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (shot != null) {
            pb.directory(shot.getParent().toFile());
        }
        Process p = pb.start();
        boolean finished = p.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "chromium did not finish within 90 s");
        return new String[]{Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    private static Path chipRun(Path dir) throws IOException {
        Path out = dir.resolve("run");
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, "format: spikemesh-network/1\nprocesses:\n"
                + "  - {name: in, type: SpikeInput, shape: [4], spikes: {0: [1, 3, 5, 9], 1: [2, 4, 7], 2: [1, 6], 3: [8]}}\n"
                + "  - {name: w, type: Dense, weights: [[60, 60, 60, 60], [60, 0, 60, 0], [0, 60, 0, 60]]}\n"
                + "  - {name: pop, type: LIF, shape: [3], du: 4095, dv: 0, vth: 40}\n"
                + "connections:\n  - [in.s_out, w.s_in]\n  - [w.a_out, pop.a_in]\n");
        assertEquals(0, cl.execute("run", net.toString(), "--steps", "12", "--backend", "chip", "--chip", "teaching-2x2",
                "--record", "pop.v", "--out", out.toString(), "-q"), err.toString());
        assertEquals(0, cl.execute("report", out.toString(), "-o", dir.resolve("report.html").toString()));
        assertEquals(0, cl.execute("animate", out.toString(), "-o", dir.resolve("anim.html").toString(), "--window", "12"));
        return out;
    }

    @Test
    void shouldPlayStepAndShowTheChosenStepsCounts(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
        Path run = chipRun(dir);
        Path shots = Path.of("target", "browser").toAbsolutePath();
        Files.createDirectories(shots);
        for (String page : new String[]{"report.html", "anim.html"}) {
            String[] r = browser(dir.resolve(page), "", "--screenshot=" + shots.resolve(page + ".png"),
                    shots.resolve(page + ".png"));
            assertFalse(r[1].contains("Uncaught"), page + ": " + r[1]);
            assertTrue(Files.size(shots.resolve(page + ".png")) > 1000, "a screenshot of " + page);
        }
        String played = browser(dir.resolve("anim.html"), "#play", "--dump-dom", null)[0];
        Matcher m = Pattern.compile("<span id=\"label\">step (\\d+)</span>").matcher(played);
        assertTrue(m.find(), "the player shows a step");
        assertTrue(Integer.parseInt(m.group(1)) > 1, "after playing, the player has left step 1: " + m.group(1));
        String chosen = browser(dir.resolve("anim.html"), "#step=7", "--dump-dom", null)[0];
        String[] row = Files.readAllLines(run.resolve("time_per_step.csv")).get(7).split(",");
        assertTrue(chosen.contains("<b>step 7</b>"), "the panel shows step 7");
        assertTrue(chosen.contains("synaptic ops: " + row[4]), "the panel shows step 7's synaptic ops " + row[4]);
        assertTrue(chosen.contains("critical core: " + row[2]), "and its critical core " + row[2]);
    }
}
