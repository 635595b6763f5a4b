package org.spikemesh.cli.chip;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikemesh chip show|validate|init}. */
@Command(name = "chip", mixinStandardHelpOptions = true, description = "Chip configurations (spikemesh-chip/1).",
        subcommands = {ChipCommand.Show.class, ChipCommand.Validate.class, ChipCommand.Init.class})
public final class ChipCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Summary table of a preset or file. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Summary of a preset or chip file.")
    public static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "PRESET|FILE")
        String chip;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ChipConfig c = ChipConfigs.presetOrFile(chip);
            var out = spec.commandLine().getOut();
            var m = c.mesh();
            var k = c.core();
            out.printf(Locale.ROOT, "chip %s (sha256 %s)%n", c.name(), c.hash().substring(0, 12));
            out.printf(Locale.ROOT, "  mesh        %d x %d tiles, %d cores/tile, %d cores per chip, %d chip(s) -> %d cores%n",
                    m.tilesX(), m.tilesY(), m.coresPerTile(), m.coresPerChip(), m.chips(), c.totalCores(m.chips()));
            out.printf(Locale.ROOT, "  core        %d neurons, fan-in %d axons, fan-out %d routes, %d bytes synapse memory%n",
                    k.maxNeurons(), k.maxFanInAxons(), k.maxFanOutRoutes(), k.synapseMemoryBytes());
            for (String f : k.encoding().formats()) {
                out.printf(Locale.ROOT, "  synapse     %-6s %d bits (%.2f bytes) per synapse%n", f,
                        k.encoding().bitsPerSynapse(f), c.bytesPerSynapse(f));
            }
            row(out, "synop", k.synop().energyPj(), k.synop().timeNs());
            row(out, "neuron act.", k.neuronUpdateActive().energyPj(), k.neuronUpdateActive().timeNs());
            row(out, "neuron idle", k.neuronUpdateInactive().energyPj(), k.neuronUpdateInactive().timeNs());
            row(out, "spike out", k.spikeOut().energyPj(), k.spikeOut().timeNs());
            row(out, "msg receive", k.messageReceive().energyPj(), k.messageReceive().timeNs());
            for (org.spikemesh.chip.Charge e : c.events()) {
                out.printf(Locale.ROOT, "  %-11s %8.2f pJ %8.2f ns  %s, per %s%s%n", "event", e.cost().energyPj(),
                        e.cost().timeNs(), e.name(), e.per().yaml(), e.format() == null ? "" : " (" + e.format() + ")");
            }
            var r = c.router();
            row(out, "hop E-W", r.hopEastWest().energyPj(), r.hopEastWest().timeNs());
            row(out, "hop N-S", r.hopNorthSouth().energyPj(), r.hopNorthSouth().timeNs());
            row(out, "within tile", r.withinTileSpike().energyPj(), r.withinTileSpike().timeNs());
            row(out, "inter-chip", r.interChip().energyPj(), r.interChip().timeNs());
            out.printf(Locale.ROOT, "  router      %s, %s, links of %s messages/ns, buffers of %d messages%n",
                    r.topology(), r.multicast() ? "multicast" : "unicast", java.math.BigDecimal.valueOf(r.linkBandwidthMsgsPerNs()).stripTrailingZeros().toPlainString(),
                    r.bufferDepth());
            row(out, "learning", c.learning().update().energyPj(), c.learning().update().timeNs());
            out.printf(Locale.ROOT, "  learning    epochs of %d step(s), %d-bit traces%n", c.learning().epochSteps(),
                    c.learning().traceBits());
            out.printf(Locale.ROOT, "  barrier     %.0f ns (1 tile) .. %.0f ns (all %d tiles), %.2f pJ a step%n",
                    c.barrierNs(1), c.barrierNs(m.tilesX() * m.tilesY()), m.tilesX() * m.tilesY(), c.barrier().energyPj());
            out.printf(Locale.ROOT, "  static      %.3f W per chip%n", c.staticPowerWatts());
            if (c.timeModel() != org.spikemesh.chip.TimeModel.PER_STEP) {
                out.printf(Locale.ROOT, "  time model  %s%n", c.timeModel().yaml());
            }
            return 0;
        }

        private static void row(java.io.PrintWriter out, String what, double pj, double ns) {
            out.printf(Locale.ROOT, "  %-11s %8.2f pJ %8.2f ns%n", what, pj, ns);
        }
    }

    /** Validates a chip file. */
    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a chip file; exit 2 with the field named if wrong.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ChipConfig c = ChipConfigs.load(file);
            spec.commandLine().getOut().println(file + ": valid spikemesh-chip/1 (" + c.name() + ", "
                    + c.totalCores(c.mesh().chips()) + " cores)");
            return 0;
        }
    }

    /** Prints a commented preset to start from. */
    @Command(name = "init", mixinStandardHelpOptions = true, description = "Print a commented preset: chip init loihi-like > my-chip.yaml")
    public static final class Init implements Callable<Integer> {
        @Parameters(paramLabel = "PRESET")
        String preset;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ChipConfigs.presetText(preset));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
