package org.spikemesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.io.Network;
import org.spikemesh.process.io.NetworkWriter;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.chip.ChipEngine;
import org.spikemesh.simulator.chip.PartitionPlan;
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

    @Option(names = "--backend", defaultValue = "reference", description = "reference (default) or chip")
    String backend;

    @Option(names = "--chip", paramLabel = "PRESET|FILE", description = "chip for --backend chip (default loihi-like)")
    String chip = "loihi-like";

    @Option(names = "--chips", defaultValue = "0", description = "chips for --backend chip (default 0: as the chip"
            + " says; -1: as many as the network needs)")
    int chips;

    @Option(names = "--time-model", paramLabel = "MODEL",
            description = "--backend chip: per-step or detailed (default: the chip's time_model; docs/time-model.md)")
    String timeModel;

    @Option(names = "--threads", description = "worker threads for --backend chip (default: one per million synapses,"
            + " at most the available cores; with --partitions, threads per partition, default 1)")
    Integer threads;

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write the HTML report of the run (see spikemesh report)")
    Path report;

    @Option(names = "--placement", paramLabel = "FILE",
            description = "--backend chip: pin blocks to cores (CSV population,first_neuron,chip,core; see spikemesh map)")
    Path placement;

    @Option(names = "--counters-every", paramLabel = "K",
            description = "--backend chip: one row of time_per_step/energy_per_step per K steps, summed"
                    + " (default: 1 up to 100000 steps, else steps/100000 rounded up)")
    Integer countersEvery;

    @Option(names = "--core-counters-every", paramLabel = "K",
            description = "--backend chip: per-core and per-link counts summed over windows of K steps in"
                    + " core_counters_by_step.csv and link_loads_by_step.csv (default: steps/100, at least 1; 0: neither file)")
    Integer coreCountersEvery;

    @Option(names = "--model", description = "fixed_pt or float_pt (default: as the network says, else fixed_pt)")
    String model;

    @Option(names = "--record", split = ",", paramLabel = "PROCESS.VAR",
            description = "Vars to record every step, e.g. lif1.v,lif1.u")
    List<String> record = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "seed for everything random (default 1)")
    long seed;

    @Option(names = "--out", required = true, description = "output directory, written atomically: a new or empty"
            + " one, or an earlier output, which the run replaces (anything else is refused)")
    Path out;

    @Option(names = "--save-weights", paramLabel = "FILE",
            description = "write the network back with its weights after the run")
    Path saveWeights;

    @Option(names = "--output-data", paramLabel = "FILE",
            description = "NIR only: also write the spikes of the graph's Output nodes as a NIRGraphData HDF5 file"
                    + " (nir.read_data; observable 'spikes', an event at (step - 1) * dt)")
    Path outputData;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "--backend chip: split the run over N processes (cores split by work), spikes between them"
                    + " over Aeron; the results equal the one-process run (docs/multichip.md)")
    int partitions;

    @Option(names = "--transport", defaultValue = "ipc", paramLabel = "ipc|udp",
            description = "with --partitions: Aeron IPC between processes of this machine (default) or UDP")
    String transport;

    @Option(names = "--endpoints", split = ",", paramLabel = "HOST:PORT",
            description = "with --partitions and --transport udp: every partition's UDP endpoint, partition 0 first;"
                    + " each partition is then started by hand with --partition-index (one per machine)")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--partition-index", defaultValue = "0", paramLabel = "Q",
            description = "with --partitions: this process's partition; 0 (default) coordinates and writes the"
                    + " outputs, the others serve it")
    int partitionIndex;

    @Option(names = "--aeron-dir", hidden = true, description = "IPC followers: the coordinator's media driver")
    Path aeronDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    /** Set by Ctrl-C: the run stops after the chunk in progress and writes consistent outputs for the steps done. */
    private volatile boolean interrupted;
    /** the thread waiting for the other partitions to join, while it does; guarded by {@link #joinLock}. */
    private Thread joining;
    private final Object joinLock = new Object();

    /**
     * Ctrl-C: the run stops after its chunk in progress; a coordinator still waiting for its partitions to join is
     * woken (that wait looked at nothing else, and held the exit until the JVM gave up on it).
     */
    private void stopRequested() {
        interrupted = true;
        System.err.println("spikemesh run: stopping after the steps in progress; writing the outputs of the steps done"
                + " to " + out);
        System.err.flush();
        synchronized (joinLock) {
            if (joining != null) {
                joining.interrupt();
            }
        }
    }
    private int done;
    /** seconds spent stepping (without loading, compiling, starting and joining partitions, or writing). */
    private double loopSeconds;

    /** @return the chip of --chip, with the time model of --time-model when given */
    private org.spikemesh.chip.ChipConfig chipConfig() {
        org.spikemesh.chip.ChipConfig c = ChipConfigs.presetOrFile(chip);
        if (timeModel == null) {
            return c;
        }
        org.spikemesh.chip.TimeModel tm = org.spikemesh.chip.TimeModel.of(timeModel);
        if (tm == null) {
            throw new IllegalArgumentException("--time-model '" + timeModel + "' is not valid; valid are per-step, detailed");
        }
        return c.withTimeModel(tm);
    }

    /** @return this command's arguments as given, starting with "run", for the follower processes */
    private List<String> originalArgs() {
        List<String> a = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (a.isEmpty() || !"run".equals(a.get(0))) {
            a.add(0, "run");
        }
        return a;
    }

    /**
     * A follower partition: joins the coordinator and serves its steps; it writes nothing. It lets {@link #program} go
     * once its engine is built, as the coordinator does.
     */
    private int follow(ProcessGraph graph, int nThreads) throws java.io.IOException {
        if (partitions < 2 || partitionIndex >= partitions) {
            throw new IllegalArgumentException("--partition-index " + partitionIndex + " needs --partitions greater"
                    + " than it (got " + partitions + ")");
        }
        RunConfig cfg = RunConfig.defaults().model(NumericModel.FIXED_PT).seed(seed);
        for (String r : record) {
            cfg.probe(graph.var(r.trim()));
        }
        try (PartitionSetup setup = PartitionSetup.follower(partitionIndex, partitions,
                org.spikemesh.cluster.multichip.Transport.parse(transport), endpoints, aeronDir);
             ChipEngine engine = new ChipEngine(graph, program, cfg, nThreads,
                     PartitionPlan.byWork(program, partitions, partitionIndex, nThreads), setup.wire())) {
            program = null;
            engine.serve();
        }
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        if (!"reference".equals(backend) && !"chip".equals(backend)) {
            throw new IllegalArgumentException("--backend '" + backend + "' is not available; valid are reference, chip");
        }
        boolean onChip = "chip".equals(backend);
        if (!onChip) {
            warnChipOnly();
        }
        // partitions of one run must all use the same thread count, whatever machine they are on: 1 unless given
        int nThreads = threads != null ? threads : partitions > 1 ? 1 : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        if (countersEvery != null && countersEvery < 1) {
            throw new IllegalArgumentException("--counters-every must be at least 1 (steps per row of"
                    + " time_per_step.csv and energy_per_step.csv), got " + countersEvery);
        }
        if (coreCountersEvery != null && coreCountersEvery < 0) {
            throw new IllegalArgumentException("--core-counters-every must be at least 0 (steps per window of"
                    + " core_counters_by_step.csv and link_loads_by_step.csv; 0: none), got " + coreCountersEvery);
        }
        requireDistinctRecords();
        if (out.toString().isEmpty()) {
            // "" is the working directory to Path: the run then refused it without naming --out or any path
            throw new IllegalArgumentException("--out is empty; give the directory to write the run's outputs into,"
                    + " e.g. --out out/run1");
        }
        // followers started by the coordinator ignore the signals; one started by hand says nothing before it serves
        beforeRun = partitionIndex == 0 ? new StoppedBeforeRun("spikemesh run: stopped before the first step, while"
                + " reading or compiling " + network + " and building the run; nothing was run and nothing was"
                + " written to " + out) : null;
        try {
            if (partitionIndex == 0) {
                checkFiles();
            }
            return startRun(onChip, nThreads);
        } finally {
            if (beforeRun != null) {
                beforeRun.close();
            }
        }
    }

    /**
     * Says so when Ctrl-C ends the process before the run's steps start (closed when {@link StopOnCtrlC} takes over),
     * or null.
     */
    private StoppedBeforeRun beforeRun;

    /** The run, split over processes when --partitions asks for it, once the options and files are checked. */
    private Integer startRun(boolean onChip, int nThreads) throws Exception {
        try {
            // the compiler's rule for a chip count, checked before anything is built
            CompileOptions.defaults().withChips(chips);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        if (partitions > 1 && partitionIndex == 0) {
            if (!onChip) {
                throw new IllegalArgumentException("--partitions splits a chip run; add --backend chip");
            }
            // the transport opens now; the followers start once this process has compiled the network and checked
            // that it splits into that many partitions (engine())
            PartitionSetup split = PartitionSetup.coordinator(partitions,
                    org.spikemesh.cluster.multichip.Transport.parse(transport), endpoints, originalArgs());
            String failure = null;
            try {
                return execute(onChip, nThreads, split);
            } catch (Exception e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                split.failed();
                throw e;
            } finally {
                split.close();
                split.relayFollowerErrors(spec.commandLine().getErr(), failure);
            }
        }
        return execute(onChip, nThreads, null);
    }

    /**
     * Refuses, before anything is loaded, compiled or started, a run whose outputs could not be written or whose
     * inputs it would delete: --out must be replaceable ({@link AtomicDirectory#requireReplaceable}) and creatable,
     * every output file writable or directly inside --out (it then goes with the directory), and no input inside
     * --out, which the run replaces whole.
     */
    private void checkFiles() throws java.io.IOException {
        OutputDirFiles files = new OutputDirFiles("--out", out);
        files.requireInputOutside("network file", network);
        if (!org.spikemesh.process.nir.NirReader.looksLikeNir(network)) {
            for (Path side : org.spikemesh.process.io.NetworkFile.sideFiles(network)) {
                files.requireInputOutside("the network's side file", side);
            }
        }
        files.requireInputOutside("--placement", placement);
        files.requireInputOutside("--chip", java.nio.file.Files.isRegularFile(Path.of(chip)) ? Path.of(chip) : null);
        files.requireInputOutside("--input", nir.input);
        Path target = out.toAbsolutePath().normalize();
        AtomicDirectory.requireReplaceable(out, target);
        AtomicDirectory.requireCreatable("--out " + out, target);
        files.requireOutput("--save-weights", saveWeights);
        if (savesWeightsInOut() && AtomicDirectory.OUTPUT_ENDINGS.stream()
                .anyMatch(saveWeights.getFileName().toString()::endsWith)) {
            throw new IllegalArgumentException("--save-weights " + saveWeights + ": a file in --out must not end in"
                    + " any of " + AtomicDirectory.OUTPUT_ENDINGS + " (the run's own outputs); give a .yaml name");
        }
        files.requireOutput("--report", report);
        files.requireOutput("--output-data", outputData);
    }

    /** @return whether --save-weights names a file directly in --out: it is then written with the outputs */
    private boolean savesWeightsInOut() {
        return saveWeights != null && new OutputDirFiles("--out", out).inside(saveWeights);
    }

    /** Refuses a Var given twice to --record: it would be written twice into its CSV file and summary.json. */
    private void requireDistinctRecords() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String r : record) {
            if (!seen.add(r.trim())) {
                throw new IllegalArgumentException("--record: '" + r.trim() + "' is given twice; give each Var once"
                        + " (got " + String.join(",", record) + ")");
            }
        }
    }

    /** the options that only a chip run reads. */
    private static final List<String> CHIP_ONLY = List.of("--chip", "--chips", "--time-model", "--threads",
            "--placement", "--counters-every", "--core-counters-every");

    /** Warns, on the reference backend, of chip options given: they were ignored without a word. */
    private void warnChipOnly() {
        List<String> given = CHIP_ONLY.stream().filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
                .toList();
        if (!given.isEmpty()) {
            spec.commandLine().getErr().println("spikemesh run: warning: " + String.join(", ", given) + (given.size() == 1
                    ? " is" : " are") + " for --backend chip; the reference backend ignores "
                    + (given.size() == 1 ? "it" : "them"));
        }
    }

    /** the compiled program of a chip run until the engine has built its tables from it, then null. */
    private ChipProgram program;

    /** The run itself, as partition 0 of {@code split} when it is not null. */
    @SuppressWarnings("try")
    private Integer execute(boolean onChip, int nThreads, PartitionSetup split) throws Exception {
        Network net = nir.load(network, saveWeights != null);
        ProcessGraph graph = net.graph();
        NumericModel m = model == null ? null : NumericModel.parse(model);
        NumericModel resolved = ReferenceBackend.resolveModel(graph, m);
        if (onChip) {
            Compilation compiled = compile(graph, m);
            graph = compiled.graph();
            program = compiled.program();
            // from here the program and the graph are all a run needs of the compilation (a streamed program keeps
            // the flat network it emits its synapses from, without the traffic between blocks, until the engine is
            // built)
            compiled = null;
            resolved = NumericModel.FIXED_PT;
        }
        if (program != null && threads == null && partitions == 1) {
            nThreads = ChipEngine.suggestedThreads(program, nThreads);
        }
        if (partitions != 1 && !onChip) {
            throw new IllegalArgumentException("--partitions splits a chip run; add --backend chip");
        }
        if (partitionIndex > 0) {
            return follow(graph, nThreads);
        }
        NirOutputData outputs = outputData(graph);
        List<Var> probes = new ArrayList<>();
        for (String r : record) {
            probes.add(graph.var(r.trim()));
        }
        Map<String, Object> summary;
        if (beforeRun != null) {
            beforeRun.close();
        }
        try (StopOnCtrlC ctrlC = new StopOnCtrlC(this::stopRequested,
                "the outputs in " + out + (report != null ? " and the report " + report : ""))) {
            summary = runAndWrite(net, graph, resolved, probes, outputs, nThreads, split);
            if (report != null) {
                // before the exit Ctrl-C holds is let go: a stopped run gets its report too
                AtomicFiles.write(report,
                        org.spikemesh.cli.report.HtmlReport.render(org.spikemesh.cli.report.RunData.load(out)));
            }
        }
        if (!quiet) {
            printResult(summary);
        }
        return 0;
    }

    /** @return the network compiled for --chip, streamed (the program holds no synapse or route arrays) */
    private Compilation compile(ProcessGraph source, NumericModel m) throws java.io.IOException {
        if (m != null && m != ReferenceBackend.resolveModel(source, null)) {
            throw new IllegalArgumentException("--model " + model + " cannot be combined with --backend chip: the"
                    + " chip runs fixed point and quantises float_pt networks itself");
        }
        nir.warnAboutChip(network);
        // streamed: the engine reads the synapses from the network as it builds its tables, so a run never holds
        // both (11-12 bytes per synapse less at its peak)
        CompileOptions opts = CompileOptions.defaults().withChips(chips).withSeed(seed).withStreamed(true);
        if (placement != null) {
            opts = opts.withPins(org.spikemesh.compiler.PlacementFile.read(placement));
        }
        try (Progress bar = Progress.start("compile", 4, "stages", quiet)) {
            return Compiler.compile(source, chipConfig(), opts, bar::stepTo);
        }
    }

    /** @return the recorder of the NIR graph's Output nodes for --output-data, or null without it */
    private NirOutputData outputData(ProcessGraph graph) {
        if (outputData == null) {
            return null;
        }
        if (nir.model == null) {
            throw new IllegalArgumentException("--output-data writes the Output nodes of a NIR graph; " + network
                    + " is a network file (its spikes are in spikes.csv)");
        }
        NirOutputData outputs = new NirOutputData(nir.model, graph);
        outputs.warnings().forEach(w -> System.err.println("spikemesh run: warning: " + w));
        return outputs;
    }

    /**
     * Runs the steps (until Ctrl-C) and writes the outputs into --out atomically: spikes, traces, the chip's files and
     * summary.json; then --output-data.
     *
     * @return the summary written
     */
    @SuppressWarnings("try")
    private Map<String, Object> runAndWrite(Network net, ProcessGraph graph, NumericModel resolved, List<Var> probes,
                                            NirOutputData outputs, int nThreads, PartitionSetup split)
            throws Exception {
        List<Process> spiking = new ArrayList<>();
        for (Process p : graph.processes()) {
            if (p.outPorts().containsKey("s_out")) {
                spiking.add(p);
            }
        }
        try (AtomicDirectory dir = new AtomicDirectory(out);
             RunRecorder rec = new RunRecorder(dir.staging(), probes, spiking);
             Progress progress = Progress.start("run", steps, "steps", quiet)) {
            RunListener tick = new RunListener() {
                @Override
                public void stepEnded(int step) {
                    progress.stepTo(step);
                }
            };
            RunConfig cfg = RunConfig.defaults().model(resolved).seed(seed).listener(rec).listener(tick);
            if (outputs != null) {
                cfg.listener(outputs);
            }
            probes.forEach(cfg::probe);
            long t0 = System.nanoTime();
            ChipEngine engine = program != null ? engine(graph, cfg, nThreads, split, dir.staging()) : null;
            Map<String, Object> chipPart = null;
            try (PartitionSetup partitionsClosedAfterTheEngine = split;
                 Simulation sim = engine != null ? new Simulation(engine) : Simulation.reference(graph, cfg)) {
                try {
                    simulate(sim);
                } catch (RuntimeException e) {
                    if (split != null) {
                        // closing the split (next, with these resources) then waits 2 s per follower, not 10
                        split.failed();
                    }
                    throw e;
                }
                if (engine != null) {
                    chipPart = ChipOutputs.write(engine, dir.staging(), chip);
                }
                if (saveWeights != null) {
                    saveWeights(net, graph, sim, savesWeightsInOut()
                            ? dir.staging().resolve(saveWeights.getFileName()) : saveWeights);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            rec.flush();
            Map<String, Object> summary = summary(resolved, rec, probes, wall);
            if (chipPart != null) {
                summary.put("chip", chipPart);
                // the engine's worker threads: at most one per core the network maps to, so fewer than asked for
                // when the network is small (a split run asks for its threads per partition)
                summary.put("threads", split != null ? nThreads : engine.shards());
                if (split == null && engine.shards() != nThreads) {
                    summary.put("threads_asked", nThreads);
                }
                if (split != null) {
                    summary.put("partitions", ordered("count", partitions, "transport", transport,
                            "threads_each", nThreads));
                }
            }
            if (savesWeightsInOut()) {
                // named so that the next run into --out takes the directory for an earlier output
                summary.put("saved_weights", saveWeights.getFileName().toString());
            }
            summary.put("versions", ordered("spikemesh", "0.1.0", "java", System.getProperty("java.version")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.staging().resolve("summary.json").toFile(), summary);
            dir.commit();
            if (outputs != null) {
                outputs.write(outputData, nir.dt(), done);
            }
            return summary;
        }
    }

    /**
     * @return the chip engine of {@link #program} (partition 0 of {@code split} when it is not null), with its
     *         counters' windows set; the program's routes are written into the staging directory and the program let
     *         go: the engine has its own tables and keeps the program's counts and neuron state
     */
    private ChipEngine engine(ProcessGraph graph, RunConfig cfg, int nThreads, PartitionSetup split, Path staging)
            throws java.io.IOException {
        PartitionPlan plan = split != null ? PartitionPlan.byWork(program, partitions, 0, nThreads) : null;
        if (split != null) {
            // the split can be made: only now the followers start, and load and compile the network themselves
            split.startFollowers();
        }
        ChipEngine engine;
        synchronized (joinLock) {
            joining = split != null ? Thread.currentThread() : null;
        }
        try {
            engine = new ChipEngine(graph, program, cfg, nThreads, plan, split != null ? split.wire() : null);
        } finally {
            synchronized (joinLock) {
                joining = null;
            }
            // a Ctrl-C that came after the partitions joined: the run loop sees it; the flag would fail the writes
            Thread.interrupted();
        }
        try {
            ChipOutputs.writeRoutes(program, staging);
            program = null;
            engine.accounts().seriesEvery(countersEvery != null ? countersEvery
                    : (int) Math.max(1, (steps + 99_999L) / 100_000));
            engine.coreCountersEvery(coreCountersEvery != null ? coreCountersEvery : Math.max(1, steps / 100));
            return engine;
        } catch (RuntimeException | java.io.IOException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * System property for tests: seconds the run waits, once its engine is built, before its first step (or until
     * Ctrl-C), so that a signal surely comes in that gap.
     */
    static final String HOLD_BEFORE_STEPS_PROPERTY = "spikemesh.run.hold-before-steps-seconds";

    /**
     * Runs the steps in chunks of at most 1 000 (a hundredth of the run), until they are done or Ctrl-C.
     *
     * @throws IllegalStateException when Ctrl-C came before the first step (while the engine was built): nothing is
     *         written then, as for a Ctrl-C while the network is read (it wrote a run of 0 steps)
     */
    private void simulate(Simulation sim) {
        long hold = (long) (Double.parseDouble(System.getProperty(HOLD_BEFORE_STEPS_PROPERTY, "0")) * 1e9);
        for (long end = System.nanoTime() + hold; !interrupted && System.nanoTime() - end < 0; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        int chunk = Math.max(1, Math.min(1000, steps / 100));
        long loop0 = System.nanoTime();
        while (done < steps && !interrupted) {
            int n = Math.min(chunk, steps - done);
            sim.run(n);
            done += n;
        }
        loopSeconds = (System.nanoTime() - loop0) / 1e9;
        if (interrupted && done == 0 && steps > 0) {
            throw new IllegalStateException("stopped before the first step, while building the run; nothing was run"
                    + " and nothing was written to " + out);
        }
    }

    /**
     * Writes the network back with the learnt weights of its plastic synapses: to --save-weights, or into the staging
     * directory when --save-weights names a file in --out, so that it is committed with the outputs.
     */
    private void saveWeights(Network net, ProcessGraph graph, Simulation sim, Path file) throws java.io.IOException {
        for (Process p : graph.processes()) {
            if (p instanceof org.spikemesh.process.lib.LearningSynapses learning) {
                Var w = learning.weights();
                w.set(sim.get(w));
            }
        }
        NetworkWriter.save(new Network(net.processes(), net.connections(), net.source()), file);
    }

    /** @return summary.json's fields up to the loop's wall time, in their order (the chip's part follows them) */
    private Map<String, Object> summary(NumericModel resolved, RunRecorder rec, List<Var> probes, double wall) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", "spikemesh-summary/1");
        summary.put("network", network.toString());
        summary.put("backend", backend);
        summary.put("model", resolved.tag());
        summary.put("steps", done);
        if (done < steps) {
            summary.put("interrupted", "stopped by the user after step " + done + " of " + steps);
        }
        summary.put("seed", seed);
        summary.put("spikes_total", rec.totalSpikes());
        summary.put("spikes_by_process", rec.spikeCounts());
        // as looked up: "--record 'lif1.v, lif2.v'" gave " lif2.v", which names no file
        summary.put("recorded", record.stream().map(String::trim).toList());
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Var v : probes) {
            if (v.owner() instanceof org.spikemesh.process.lib.LIF lif && v == lif.v()) {
                double vth = lif.vth().get(0);
                thresholds.put(v.qualifiedName(), resolved == NumericModel.FIXED_PT ? vth * 64 : vth);
            }
        }
        summary.put("thresholds", thresholds);
        summary.put("wall_seconds", wall);
        summary.put("loop_wall_seconds", loopSeconds);
        return summary;
    }

    /** Prints what ran, and on a chip what it cost, from the summary written. */
    @SuppressWarnings("unchecked")
    private void printResult(Map<String, Object> summary) {
        System.out.printf("ran %s: %d steps, %d spikes in %.3f s -> %s%n", network, done,
                (Long) summary.get("spikes_total"), (Double) summary.get("wall_seconds"), out);
        Map<String, Object> c = (Map<String, Object>) summary.get("chip");
        if (c != null) {
            Map<String, Double> e = (Map<String, Double>) c.get("energy_pj");
            Map<String, Long> n = (Map<String, Long>) c.get("counts");
            StringBuilder kinds = new StringBuilder();
            for (String k : org.spikemesh.simulator.chip.Accounts.ENERGY_KINDS) {
                kinds.append(kinds.length() == 0 ? "" : ", ").append(k.replace('_', ' '))
                        .append(String.format(java.util.Locale.ROOT, " %.3f", e.get(k) / 1e3));
            }
            System.out.printf(java.util.Locale.ROOT, "on %s (%s cores, %s tiles): simulated %.3f us, energy %.3f nJ"
                            + " (%s nJ), %d synaptic ops, %d messages%s%n", c.get("chip"), c.get("cores_used"),
                    c.get("tiles_in_use"), (Double) c.get("simulated_time_ns") / 1e3, e.get("total") / 1e3, kinds,
                    n.get("synaptic_ops"), n.get("messages"),
                    n.get("learning_updates") > 0 ? ", " + n.get("learning_updates") + " learning updates" : "");
        }
        if (report != null) {
            System.out.println("report -> " + report);
        }
    }

    /**
     * @param keysAndValues key, value, key, value...
     * @return them in that order ({@code Map.of} iterates in an order that changes from one JVM to the next, and
     *         summary.json is written in the map's order)
     */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
