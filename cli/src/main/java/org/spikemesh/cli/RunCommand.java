package org.spikemesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkWriter;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;
import org.spikemesh.simulator.reference.ReferenceBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikemesh run}: runs a network file and writes spikes, traces and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a network file (spikemesh-network/1) or a NIR graph and write spikes.csv, PROCESS.VAR.csv and summary.json.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NETWORK", description = "network file (YAML, spikemesh-network/1) or NIR graph (.nir)")
    Path network;

    @Mixin
    NirOptions nir = new NirOptions();

    @Option(names = "--steps", required = true, description = "number of time steps")
    int steps;

    @Option(names = "--backend", defaultValue = "reference", description = "reference (default)")
    String backend;

    @Option(names = "--model", description = "fixed_pt or float_pt (default: as the network says, else fixed_pt)")
    String model;

    @Option(names = "--record", split = ",", paramLabel = "PROCESS.VAR",
            description = "Vars to record every step, e.g. lif1.v,lif1.u")
    List<String> record = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "seed for everything random (default 1)")
    long seed;

    @Option(names = "--out", required = true, description = "output directory (written atomically)")
    Path out;

    @Option(names = "--save-weights", paramLabel = "FILE",
            description = "write the network back with its weights after the run")
    Path saveWeights;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        if (!"reference".equals(backend)) {
            throw new IllegalArgumentException("--backend '" + backend + "' is not available; valid is reference");
        }
        Network net = nir.load(network, saveWeights != null);
        ProcessGraph graph = net.graph();
        NumericModel m = model == null ? null : NumericModel.parse(model);
        List<Var> probes = new ArrayList<>();
        for (String r : record) {
            probes.add(graph.var(r.trim()));
        }
        NumericModel resolved = ReferenceBackend.resolveModel(graph, m);
        List<Process> spiking = new ArrayList<>();
        for (Process p : graph.processes()) {
            if (p.outPorts().containsKey("s_out")) {
                spiking.add(p);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        try (AtomicDirectory dir = new AtomicDirectory(out);
             RunRecorder rec = new RunRecorder(dir.staging(), probes, spiking, resolved == NumericModel.FIXED_PT);
             Progress progress = Progress.start("run", steps, "steps", quiet)) {
            RunListener tick = new RunListener() {
                @Override
                public void stepEnded(int step) {
                    progress.stepTo(step);
                }
            };
            RunConfig cfg = RunConfig.defaults().model(resolved).seed(seed).listener(rec).listener(tick);
            probes.forEach(cfg::probe);
            long t0 = System.nanoTime();
            try (Simulation sim = Simulation.reference(graph, cfg)) {
                sim.run(steps);
                if (saveWeights != null) {
                    NetworkWriter.save(new Network(net.processes(), net.connections(), net.source()), saveWeights);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            rec.flush();
            summary.put("format", "spikemesh-summary/1");
            summary.put("network", network.toString());
            summary.put("backend", backend);
            summary.put("model", resolved.tag());
            summary.put("steps", steps);
            summary.put("seed", seed);
            summary.put("spikes_total", rec.totalSpikes());
            summary.put("spikes_by_process", rec.spikeCounts());
            summary.put("recorded", record);
            summary.put("wall_seconds", wall);
            summary.put("versions", Map.of("spikemesh", "0.1.0", "java", System.getProperty("java.version")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.staging().resolve("summary.json").toFile(), summary);
            dir.commit();
        }
        if (!quiet) {
            System.out.printf("ran %s: %d steps, %d spikes in %.3f s -> %s%n", network, steps,
                    (Long) summary.get("spikes_total"), (Double) summary.get("wall_seconds"), out);
        }
        return 0;
    }

}
