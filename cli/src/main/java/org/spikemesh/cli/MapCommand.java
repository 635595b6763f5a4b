package org.spikemesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikemesh map}: compiles a network onto a chip and prints (and optionally writes) the mapping report. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Map a network onto a chip: partition, place, route; print the mapping report.")
public final class MapCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NETWORK", description = "network file (YAML, spikemesh-network/1) or NIR graph (.nir)")
    Path network;

    @Option(names = "--chip", required = true, paramLabel = "PRESET|FILE", description = "chip preset or chip file")
    String chip;

    @Option(names = "--chips", defaultValue = "0", description = "chips to use (default: as the chip config says)")
    int chips;

    @Option(names = "--seed", defaultValue = "1", description = "placement seed (default 1)")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "write the mapping report as JSON")
    Path report;

    @Option(names = "--placement", paramLabel = "FILE",
            description = "pin blocks to cores: CSV population,first_neuron,chip,core (the rest is placed around them)")
    Path placement;

    @Option(names = "--rates", paramLabel = "RUN_DIR",
            description = "place by the spike rates measured in a previous run (its --out directory) instead of one"
                    + " spike per neuron per step")
    Path rates;

    @Option(names = "--write-placement", paramLabel = "FILE",
            description = "write where every block went, as a placement file to edit and feed back with --placement")
    Path writePlacement;

    @Option(names = {"-q", "--quiet"}, description = "do not print the report table")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Mixin
    NirOptions nir = new NirOptions();

    @Override
    public Integer call() throws Exception {
        if (chips < 0) {
            throw new IllegalArgumentException("--chips must be >= 1, got " + chips);
        }
        if (writePlacement != null) {
            AtomicFiles.requireWritable("--write-placement " + writePlacement, writePlacement);
        }
        if (report != null) {
            AtomicFiles.requireWritable("--report " + report, report);
        }
        ChipConfig cfg = ChipConfigs.presetOrFile(chip);
        ProcessGraph graph = nir.load(network, false).graph();
        nir.warnAboutChip(network);
        // streamed: the report and the placement read the program's counts, not its synapse and route arrays
        CompileOptions opts = CompileOptions.defaults().withChips(chips).withSeed(seed).withStreamed(true);
        if (placement != null) {
            opts = opts.withPins(org.spikemesh.compiler.PlacementFile.read(placement));
        }
        if (rates != null) {
            opts = opts.withRates(measuredRates(rates, graph));
        }
        Compilation c;
        try (Progress bar = Progress.start("map", 4, "stages", quiet)) {
            c = Compiler.compile(graph, cfg, opts, bar::stepTo);
        }
        if (writePlacement != null) {
            AtomicFiles.write(writePlacement, org.spikemesh.compiler.PlacementFile.write(c));
        }
        if (report != null) {
            AtomicFiles.write(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(c.report().toMap()));
        }
        if (!quiet) {
            System.out.print(c.report().toText());
        }
        return 0;
    }

    /** @return the steps of the run whose summary.json this is, checked to be a run's summary with steps */
    private static int runSteps(Path summary) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(summary.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(summary + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (doc == null || !"spikemesh-summary/1".equals(doc.path("format").asText())) {
            throw new IllegalArgumentException(summary + ": not a run's summary (format spikemesh-summary/1); --rates"
                    + " needs a run's --out directory");
        }
        int steps = doc.path("steps").asInt();
        if (steps < 1) {
            throw new IllegalArgumentException(summary + ": no steps recorded");
        }
        return steps;
    }

    /** Spikes per step of every neuron from a run's spikes.csv and summary.json (steps). */
    static java.util.Map<String, double[]> measuredRates(Path run, ProcessGraph graph) throws java.io.IOException {
        Path summary = run.resolve("summary.json");
        Path spikes = run.resolve("spikes.csv");
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(spikes)) {
            throw new IllegalArgumentException(run + ": --rates needs a run's --out directory with summary.json and"
                    + " spikes.csv");
        }
        int steps = runSteps(summary);
        java.util.Map<String, double[]> r = new java.util.HashMap<>();
        try (java.io.BufferedReader in = Files.newBufferedReader(spikes)) {
            in.readLine();
            int at = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                at++;
                String[] f = line.split(",");
                if (f.length != 3) {
                    continue;
                }
                String name = f[1].replace('~', '/');
                if (!graph.processes().stream().anyMatch(q -> q.name().equals(name))) {
                    // the network was blamed: "NETWORK: no process named 'kick'"
                    throw new IllegalArgumentException(spikes + ":" + at + ": process '" + name + "' is not in the"
                            + " network; --rates needs a run of the same network");
                }
                org.spikemesh.process.Process p = graph.process(name);
                int n = p.outPorts().values().iterator().next().size();
                double[] v = r.computeIfAbsent(p.name(), k -> new double[n]);
                int i;
                try {
                    i = Integer.parseInt(f[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(spikes + ":" + at + ": neuron '" + f[2] + "' is not a number");
                }
                if (i >= 0 && i < n) {
                    v[i] += 1.0 / steps;
                }
            }
        }
        return r;
    }
}
