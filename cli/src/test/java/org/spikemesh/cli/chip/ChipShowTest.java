package org.spikemesh.cli.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cli.Main;

/**
 * {@code spikemesh chip show}: every cost and limit of teaching-2x2, as its preset file states them (hops 10 and 20
 * pJ/ns, within a tile 1, between chips 100, links of 0.1 messages per ns with buffers of 4, barrier 100-400 ns and
 * 50 pJ, learning epochs of 1 step with 8-bit traces, 1 mW), and of a chip file changed from it.
 */
class ChipShowTest {

    private static String show(String chip) {
        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("chip", "show", chip));
        return out.toString();
    }

    @Test
    void shouldShowEveryCostOfThePreset() {
        String s = show("teaching-2x2");
        for (String line : new String[]{
            "  mesh        2 x 2 tiles, 1 cores/tile, 4 cores per chip, 1 chip(s) -> 4 cores",
            "  core        64 neurons, fan-in 256 axons, fan-out 256 routes, 4096 bytes synapse memory",
            "  synop          10.00 pJ     1.00 ns",
            "  hop E-W        10.00 pJ    10.00 ns",
            "  hop N-S        20.00 pJ    20.00 ns",
            "  within tile     1.00 pJ     1.00 ns",
            "  inter-chip    100.00 pJ   100.00 ns",
            "  router      mesh2d-xy, unicast, links of 0.1 messages/ns, buffers of 4 messages",
            "  learning    epochs of 1 step(s), 8-bit traces",
            "  barrier     100 ns (1 tile) .. 400 ns (all 4 tiles), 50.00 pJ a step",
            "  static      0.001 W per chip"}) {
            assertTrue(s.contains(line + System.lineSeparator()), "missing: " + line + "\nin:\n" + s);
        }
    }

    @Test
    void shouldShowAChipFilesOwnRouterAndBarrier(@TempDir Path dir) throws Exception {
        String text = org.spikemesh.chip.ChipConfigs.presetText("teaching-2x2")
                .replace("link_bandwidth_msgs_per_ns: 0.1", "link_bandwidth_msgs_per_ns: 0.25")
                .replace("buffer_depth: 4", "buffer_depth: 16").replace("multicast: false", "multicast: true")
                .replace("  energy_pj: 50", "  energy_pj: 12.5");
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, text);
        String s = show(f.toString());
        assertTrue(s.contains("  router      mesh2d-xy, multicast, links of 0.25 messages/ns, buffers of 16 messages"), s);
        assertTrue(s.contains(", 12.50 pJ a step"), s);
    }
}
