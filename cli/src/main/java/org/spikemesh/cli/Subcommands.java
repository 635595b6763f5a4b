package org.spikemesh.cli;

import picocli.CommandLine;

/** The one place where the verbs of {@code spikemesh} are registered (one line per verb). */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine cl) {
        cl.addSubcommand("run", new RunCommand());
        cl.addSubcommand("bench", new BenchCommand());
        cl.addSubcommand("chip", new org.spikemesh.cli.chip.ChipCommand());
        cl.addSubcommand("map", new MapCommand());
        cl.addSubcommand("report", new org.spikemesh.cli.report.ReportCommand());
        cl.addSubcommand("animate", new org.spikemesh.cli.report.AnimateCommand());
        cl.addSubcommand("export", new ExportCommand());
        cl.addSubcommand("sweep", new org.spikemesh.cli.sweep.SweepCommand());
        cl.addSubcommand("worker", new org.spikemesh.cli.sweep.WorkerCommand());
        // verbs are added here as they land
    }
}
