package org.spikemesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.chip.Accounts;
import org.spikemesh.simulator.chip.ChipEngine;
import org.spikemesh.simulator.chip.ShardDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikemesh bench cuba}: Brian2's CUBA benchmark compiled to a chip and run on the chip engine with time and
 * energy accounting on, for each thread count given; prints synaptic events/s and neuron-steps/s of the loop.
 */
@Command(name = "cuba", mixinStandardHelpOptions = true,
        description = "CUBA on the chip engine (accounting on): synaptic events/s and neuron-steps/s per thread count.")
public final class BenchCuba implements Callable<Integer> {
    @Option(names = "--neurons", defaultValue = "4000", description = "N (default 4000)")
    int neurons;

    @Option(names = "--synapses-per-neuron", defaultValue = "80",
            description = "inputs per neuron, 80%% excitatory (default 80, Brian2's CUBA at 4 000 neurons; the scale"
                    + " runs use 100)")
    int fanIn;

    @Option(names = "--steps", defaultValue = "10000", description = "time steps (default 10000 = 1 s at 0.1 ms)")
    int steps;

    @Option(names = "--threads", split = ",", description = "thread counts to measure (default 1)")
    List<Integer> threads = new ArrayList<>(List.of(1));

    @Option(names = "--chip", defaultValue = "loihi-like", description = "chip preset or file (default loihi-like)")
    String chip;

    @Option(names = "--seed", defaultValue = "1", description = "network seed")
    long seed;

    @Option(names = "--repeat", defaultValue = "3",
            description = "timed repetitions (the median and the best are reported)")
    int repeat;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the figures to this JSON file (written atomically): every timed loop, the medians,"
                    + " the rates, the speed-ups and the heap")
    Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also draw the figures as a self-contained HTML page (inline SVG; written atomically): the"
                    + " loop time and speed-up of every repetition, the host's measurements, the phases, the heap")
    Path html;

    @Option(names = "--peer", paramLabel = "brian2",
            description = "also run the same CUBA network in a peer, after the timed runs, on each thread count of"
                    + " --threads, and print each entry's synaptic events/s over the peer's: brian2 (Brian2's C++"
                    + " standalone, OpenMP beyond one thread, with Debian's /usr/bin/python3 and python3-brian;"
                    + " compiling takes 10-60 s per thread count)")
    String peer;

    @Option(names = "--phases",
            description = "after the timed runs, one more run per thread count with the phases of every shard's steps"
                    + " timed (kernel, send, delivery, counting, waiting for the other shards, closing steps): printed"
                    + " and written to the JSON file")
    boolean phases;

    @Option(names = "--setting", paramLabel = "NAME=V1,V2,...",
            description = "a chip engine setting (a system property spikemesh.engine.*) with one value per entry of"
                    + " --threads, in order: each entry's engines are built with its value, so that two settings take"
                    + " turns in one process and the speed-up line compares them (e.g. --threads 2,2 --setting"
                    + " spikemesh.engine.span-counting=grouped,turns)")
    String settingOption;

    /** the parsed {@link #settingOption}, or null. */
    private EngineSetting setting;

    /** Least wall time of the untimed warm-up run, s. */
    private static final double WARM_SECONDS = 3;

    /**
     * Bytes of the objects alive on the heap: the total of the JVM's class histogram of live objects (the
     * {@code GC.class_histogram} diagnostic command, which runs a full collection first). Exact, unlike the heap's
     * used size, which counts whole regions under each array larger than half a region (up to a region, 2-32 MB,
     * of slack per large table). Falls back to the used size after full collections where the command is missing.
     */
    static long liveHeap() {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$")
                    .matcher(String.valueOf(text));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        } catch (javax.management.JMException | RuntimeException e) {
            // not a HotSpot JVM: fall back to the used heap below
        }
        java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Override
    public Integer call() throws java.io.IOException {
        ChipConfig cfg = ChipConfigs.presetOrFile(chip);
        long t0 = System.nanoTime();
        checkOptions();
        int exc = fanIn * 4 / 5;
        long heapStart = liveHeap();
        ProcessGraph graph = Cuba.build(neurons, seed, exc, fanIn - exc).graph();
        long heapNetwork = liveHeap();
        // streamed, as `run` compiles: the engines read the synapses from the network as they build their tables
        Compilation c = Compiler.compile(graph, cfg, CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS)
                .withSeed(seed).withStreamed(true));
        double compileS = (System.nanoTime() - t0) / 1e9;
        long heapCompiled = liveHeap();
        // the engines need the program only: the rest of the compilation (its flat network) goes now, as in a run
        org.spikemesh.compiler.program.ChipProgram[] handOver = {c.program()};
        c = null;
        long synapses = handOver[0].synapses();
        long programTables = handOver[0].tableBytes();
        System.out.printf(Locale.ROOT, "CUBA N=%d, %d steps, %d synapses on %s x %d chips, %d cores (build+compile %.2f s)%n",
                neurons, steps, synapses, cfg.name(), handOver[0].chip().mesh().chips(), handOver[0].cores().size(),
                compileS);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "cuba");
        doc.put("neurons", neurons);
        doc.put("synapses_per_neuron", fanIn);
        doc.put("synapses", synapses);
        doc.put("steps", steps);
        doc.put("seed", seed);
        doc.put("chip", cfg.name());
        doc.put("chips", handOver[0].chip().mesh().chips());
        doc.put("cores", handOver[0].cores().size());
        doc.put("build_and_compile_s", compileS);
        doc.put("repeat", repeat);
        long heapBuilt = -1;
        for (int k = 0; k < threads.size(); k++) {
            long built = warmUp(graph, handOver[0], k, heapBuilt < 0);
            heapBuilt = heapBuilt < 0 ? built : heapBuilt;
        }
        HostChecks host = severalThreads() ? new HostChecks(repeat) : null;
        List<Map<String, Object>> runs = timedRuns(graph, handOver[0], synapses, host);
        if (threads.size() > 1) {
            doc.put("speed_ups", speedUps(runs));
        }
        if (host != null) {
            host.report(doc);
        }
        doc.put("runs", runs);
        if (peer != null) {
            doc.put("peer", peerRun(runs));
        }
        if (phases) {
            doc.put("phases", phaseRuns(graph, handOver[0]));
        }
        doc.put("heap", heap(graph, handOver, threads.size() - 1,
                new long[]{heapStart, heapNetwork, heapCompiled, heapBuilt},
                synapses, programTables));
        ObjectMapper mapper = new ObjectMapper();
        if (json != null) {
            AtomicFiles.write(json, mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        }
        if (html != null) {
            AtomicFiles.write(html, org.spikemesh.cli.report.BenchPage.render(mapper.valueToTree(doc)));
            System.out.println("  figures drawn -> " + html);
        }
        return 0;
    }

    /**
     * Runs the network in Brian2 (the peer) at every thread count of {@code --threads} (OpenMP beyond one), as many
     * times as the entries ran; prints its figures and each entry's synaptic events per second over Brian2's on one
     * thread and on as many threads as the entry, all measured in this run.
     *
     * @return Brian2's figures per thread count and the ratios, as in the JSON file
     */
    private Map<String, Object> peerRun(List<Map<String, Object>> runs) throws java.io.IOException {
        Map<Integer, Brian2Peer.Result> byThreads = new java.util.TreeMap<>();
        for (int t : new java.util.TreeSet<>(threads)) {
            System.out.printf(Locale.ROOT, "  Brian2 C++ standalone, %s: compiling CUBA N=%d and running it %d times"
                    + "...%n", t == 1 ? "1 thread" : "OpenMP " + t + " threads", neurons, repeat);
            Path dir = java.nio.file.Files.createTempDirectory("spikemesh-brian2-");
            Brian2Peer.Result r;
            try {
                r = Brian2Peer.run(neurons, fanIn, steps, t, repeat, seed, dir, quiet);
            } finally {
                AtomicDirectory.deleteTree(dir);
            }
            System.out.printf(Locale.ROOT, "  Brian2 %s C++ standalone, %s: loop %.3f s (median of %d), %d spikes, %d"
                    + " synapses, %.1f M events/s (compiled in %.1f s)%n", r.version(), threadCount(t),
                    r.medianLoopSeconds(), r.loopSeconds().length, r.spikes(), r.synapses(),
                    r.medianEventsPerSecond() / 1e6, r.compileSeconds());
            byThreads.put(t, r);
        }
        Brian2Peer.Result one = byThreads.values().iterator().next();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", "Brian2 " + one.version() + " C++ standalone");
        figures.put("runs", byThreads.values().stream().map(Brian2Peer.Result::figures).toList());
        List<Map<String, Object>> ratios = new ArrayList<>();
        StringBuilder line = new StringBuilder("  over Brian2 on as many threads (synaptic events/s of the loops,"
                + " medians, this run):");
        for (int k = 0; k < runs.size(); k++) {
            double ours = (Double) runs.get(k).get("synaptic_events_per_s");
            Brian2Peer.Result same = byThreads.get(threads.get(k));
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("threads", threads.get(k));
            if (setting != null) {
                ratio.put("setting", setting.value(k));
            }
            ratio.put("over_same_threads", ours / same.medianEventsPerSecond());
            ratio.put("over_peer_threads", same.threads());
            if (byThreads.containsKey(1)) {
                ratio.put("over_one_thread", ours / byThreads.get(1).medianEventsPerSecond());
            }
            ratios.add(ratio);
            line.append(String.format(Locale.ROOT, " %s %.2fx", label(k), ours / same.medianEventsPerSecond()));
        }
        System.out.println(line);
        figures.put("ratios", ratios);
        return figures;
    }

    /** Refuses impossible options before anything is built. */
    private void checkOptions() {
        if (neurons < 6) {
            throw new IllegalArgumentException("--neurons must be at least 6 (each neuron has at least 5 synapses from"
                    + " other neurons), got " + neurons);
        }
        if (fanIn < 5 || fanIn >= neurons) {
            throw new IllegalArgumentException("--synapses-per-neuron must be from 5 to neurons - 1 (" + (neurons - 1)
                    + "), got " + fanIn);
        }
        if (steps < 1 || repeat < 1) {
            throw new IllegalArgumentException("--steps and --repeat must be at least 1, got " + steps + " and " + repeat);
        }
        for (int t : threads) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads: every thread count must be at least 1, got " + threads);
            }
        }
        setting = settingOption == null ? null : EngineSetting.parse(settingOption, threads.size());
        if (peer != null && !"brian2".equals(peer)) {
            throw new IllegalArgumentException("--peer " + peer + ": not a peer; the one peer is brian2");
        }
        if (peer != null) {
            Brian2Peer.requireBrian2();
        }
        if (json != null) {
            AtomicFiles.requireWritable("--json " + json, json);
        }
        if (html != null) {
            AtomicFiles.requireWritable("--html " + html, html);
        }
    }

    /**
     * The timed runs, each on a fresh engine, the thread counts taking turns, so that a ratio between them compares
     * runs made within seconds of each other (this machine's speed drifts over a run: see docs/performance.md).
     * Prints each thread count's figures. With more than one thread, the host is measured before each repetition
     * ({@link HostChecks}): on a shared machine it tells whether the processors shared a cache during the runs, and
     * whether the host gave them equal time and equal caches.
     *
     * @param host measures the host before each repetition, or null (no entry with more than one thread)
     * @return each thread count's figures, as in the JSON file
     */
    private List<Map<String, Object>> timedRuns(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram program,
                                                long synapses, HostChecks host) {
        int n = threads.size();
        double[][] secs = new double[n][repeat];
        double[][] builds = new double[n][repeat];
        int[][] moves = new int[n][repeat];
        long[][][] longWaits = new long[n][repeat][];
        long[][][] shardWaits = new long[n][repeat][];
        long[][][] shared = new long[n][repeat][];
        double[][] jitWaits = new double[n][repeat];
        Accounts[] acc = new Accounts[n];
        long[] tableBytes = new long[n];
        for (int rep = 0; rep < repeat; rep++) {
            if (host != null) {
                host.measure(rep);
            }
            for (int k = 0; k < n; k++) {
                int t = threads.get(k);
                long b0 = System.nanoTime();
                try (ChipEngine engine = engine(graph, program, k);
                     Progress bar = Progress.start("cuba " + neurons + " x" + t + " rep " + (rep + 1), steps, "steps", quiet)) {
                    builds[k][rep] = (System.nanoTime() - b0) / 1e9;
                    jitWaits[k][rep] = JitQuiet.await() / 1e9;
                    long s = System.nanoTime();
                    runInChunks(engine, bar);
                    secs[k][rep] = (System.nanoTime() - s) / 1e9;
                    acc[k] = engine.accounts();
                    moves[k][rep] = engine.diagnostics().kernelArrayMoves();
                    longWaits[k][rep] = engine.diagnostics().longWaits();
                    shardWaits[k][rep] = engine.diagnostics().shardWaitNanos();
                    shared[k][rep] = engine.diagnostics().sharedYields();
                    tableBytes[k] = engine.tableBytes();
                }
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            runs.add(report(k, secs[k], builds[k], acc[k], tableBytes[k], synapses));
            runs.get(k).put("jit_quiet_wait_s", java.util.Arrays.stream(jitWaits[k]).boxed().toList());
            if (threads.get(k) > 1) {
                // a shard whose kernel ran much slower than another's moved its arrays (KernelWatch)
                System.out.println("  " + label(k) + ": neuron arrays moved for a slow kernel, per"
                        + " repetition: " + java.util.Arrays.toString(moves[k]));
                runs.get(k).put("kernel_array_moves", java.util.Arrays.stream(moves[k]).boxed().toList());
                RepetitionFigures.longWaits(label(k), longWaits[k], runs.get(k));
                RepetitionFigures.shardWaits(label(k), shardWaits[k], secs[k], runs.get(k));
                RepetitionFigures.sharedYields(label(k), shared[k], runs.get(k));
            }
            // the accounts keep the program: let them go before the heap of a run is measured
            acc[k] = null;
        }
        double[] allWaits = java.util.Arrays.stream(jitWaits).flatMapToDouble(java.util.Arrays::stream).toArray();
        System.out.printf(Locale.ROOT, "  before each timed run, after its engine was built, waited for the JIT to be idle"
                + " for %d ms: median %.2f s, longest %.2f s%n", JitQuiet.QUIET_MILLIS, RepetitionFigures.median(allWaits),
                java.util.Arrays.stream(allWaits).max().orElseThrow());
        return runs;
    }

    /**
     * One more run per thread count, with the phases of every shard's steps timed ({@link ShardDiagnostics#timePhases}, a
     * few {@code System.nanoTime} calls a step, 25 ns each here): prints each shard's seconds per phase and the run's
     * loop time. A run of its own, after an untimed one with the timer: the timed repetitions stay free of the timer.
     *
     * @return per thread count: its shards, each with its steps and its seconds per phase, as in the JSON file
     */
    private List<Map<String, Object>> phaseRuns(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram program) {
        List<Map<String, Object>> out = new ArrayList<>();
        System.out.println("  phases of the steps, s per shard (one more run per thread count, timed inside the shards):");
        System.out.println(String.format(Locale.ROOT, "  %-9s %5s", "threads", "shard")
                + ShardDiagnostics.phaseNames().stream().map(n -> String.format(Locale.ROOT, " %13s", n))
                .collect(java.util.stream.Collectors.joining()) + String.format(Locale.ROOT, " %8s", "all"));
        for (int k = 0; k < threads.size(); k++) {
            out.add(phaseRun(graph, program, k));
        }
        return out;
    }

    /**
     * @return the phases of one run of entry k of {@code --threads}, printed: its loop time and its shards' seconds per
     *         phase
     */
    private Map<String, Object> phaseRun(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram program, int k) {
        int t = threads.get(k);
        if (t > 1) {
            // as before each timed repetition (timedRuns)
            new HostChecks(1).measure(0);
        }
        // the first run with the timer takes its branches, which the JIT compiled out of the step: it deoptimises and
        // recompiles the step during that run (64 000 neurons, 2 threads: 0.45-0.46 s against 0.30 s in the next)
        try (ChipEngine warm = engine(graph, program, k)) {
            warm.diagnostics().timePhases();
            runInChunks(warm, null);
        }
        long[][] rows;
        double loop;
        double jitWait;
        try (ChipEngine engine = engine(graph, program, k)) {
            engine.diagnostics().timePhases();
            // as before each timed repetition: no compilation of the JIT's runs inside the timed loop
            jitWait = JitQuiet.await() / 1e9;
            long start = System.nanoTime();
            runInChunks(engine, null);
            loop = (System.nanoTime() - start) / 1e9;
            rows = engine.diagnostics().phaseNanos();
        }
        List<Map<String, Object>> shards = new ArrayList<>();
        for (long[] row : rows) {
            shards.add(phaseRow(t, row));
        }
        System.out.println(String.format(Locale.ROOT, "  %-9d  loop %.3f s%s (the phases of a shard add up to less:"
                + " its time between the run's calls is not in them)", t, loop,
                setting == null ? "" : " [" + setting.label(k) + "]"));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", t);
        putSetting(run, k);
        run.put("loop_s", loop);
        run.put("jit_quiet_wait_s", jitWait);
        run.put("shards", shards);
        return run;
    }

    /**
     * Prints one shard's phases ({@link ShardDiagnostics#phaseNanos} row) on t threads.
     *
     * @return its number, steps and seconds per phase, as in the JSON file
     */
    private static Map<String, Object> phaseRow(int t, long[] row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-9d %5d", t, row[0]));
        Map<String, Object> phaseSeconds = new LinkedHashMap<>();
        double all = 0;
        for (int k = 0; k < ShardDiagnostics.phaseNames().size(); k++) {
            double sec = row[2 + k] / 1e9;
            all += sec;
            phaseSeconds.put(ShardDiagnostics.phaseNames().get(k), sec);
            line.append(String.format(Locale.ROOT, " %13.3f", sec));
        }
        System.out.println(line.append(String.format(Locale.ROOT, " %8.3f", all)));
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("shard", row[0]);
        shard.put("steps", row[1]);
        shard.put("seconds", phaseSeconds);
        return shard;
    }

    /** @return whether some thread count to measure has more than one thread (the host is then measured) */
    private boolean severalThreads() {
        return threads.stream().anyMatch(t -> t > 1);
    }

    /** Runs every step, in the chunks of a hundredth that the timed runs use, moving the bar (null: none). */
    private void runInChunks(ChipEngine engine, Progress bar) {
        int chunk = Math.max(1, steps / 100);
        for (int done = 0; done < steps; done += chunk) {
            engine.run(Math.min(chunk, steps - done));
            if (bar != null) {
                bar.stepTo(Math.min(steps, done + chunk));
            }
        }
    }

    /** Prints and returns the speed-up of every thread count's median loop over the first's (runs as timedRuns'). */
    private List<Map<String, Object>> speedUps(List<Map<String, Object>> runs) {
        double[] median = new double[runs.size()];
        for (int k = 0; k < median.length; k++) {
            median[k] = (Double) runs.get(k).get("loop_median_s");
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  speed-up over %s (median loop times,"
                + " timed runs taking turns):", label(0)));
        List<Map<String, Object>> speedUps = new ArrayList<>();
        List<String> eachLines = new ArrayList<>();
        for (int k = 1; k < threads.size(); k++) {
            line.append(String.format(Locale.ROOT, " %s %.2fx", label(k), median[0] / median[k]));
            List<Double> each = perRepetition((double[]) runs.get(0).get("loop_s"), (double[]) runs.get(k).get("loop_s"));
            Map<String, Object> up = new LinkedHashMap<>();
            up.put("threads", threads.get(k));
            up.put("over_threads", threads.get(0));
            if (setting != null) {
                up.put("setting", setting.value(k));
                up.put("over_setting", setting.value(0));
            }
            up.put("ratio_of_median_loops", median[0] / median[k]);
            up.put("ratio_per_repetition", each);
            speedUps.add(up);
            // each repetition's ratio, of two runs made seconds apart: how much the host moved during the runs
            StringBuilder eachLine = new StringBuilder("  " + label(k) + " over " + label(0)
                    + ", each repetition's loops:");
            for (double r : each) {
                eachLine.append(String.format(Locale.ROOT, " %.2fx", r));
            }
            eachLines.add(eachLine.toString());
        }
        System.out.println(line);
        eachLines.forEach(System.out::println);
        return speedUps;
    }

    /** @return per repetition, the first loop time over the second */
    private static List<Double> perRepetition(double[] first, double[] second) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            r.add(first[i] / second[i]);
        }
        return r;
    }

    /** @return entry k of {@code --threads} as printed: "2 threads", and its setting when there is one */
    private String label(int k) {
        return threadCount(threads.get(k)) + (setting == null ? "" : " [" + setting.label(k) + "]");
    }

    /**
     * @return a new engine for entry k of {@code --threads}, built with its setting (the property is set while the
     *         engine is built, when the engine reads its settings, and put back after)
     */
    private ChipEngine engine(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram program, int k) {
        java.util.function.Supplier<ChipEngine> build = () -> new ChipEngine(graph, program,
                RunConfig.defaults().seed(seed), threads.get(k));
        return setting == null ? build.get() : setting.building(k, build);
    }

    /** Records entry k's setting in a run's figures, when there is one: {@code setting: {name, value}}. */
    private void putSetting(Map<String, Object> run, int k) {
        if (setting != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", setting.name());
            m.put("value", setting.value(k));
            run.put("setting", m);
        }
    }

    /** @return "1 thread", "2 threads", ... */
    private static String threadCount(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }

    /**
     * Warms the JIT up for entry k of {@code --threads} (untimed, with its setting): one engine for at least
     * {@link #WARM_SECONDS}, then a fresh one run as a timed one is.
     *
     * @param measure whether to measure the live heap once the first engine is built
     * @return the live heap with the first engine built beside the description and the program, or -1
     */
    private long warmUp(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram program, int k, boolean measure) {
        long heapBuilt = -1;
        try (ChipEngine warm = engine(graph, program, k)) {
            if (measure) {
                // the peak of a run: the description, the program and an engine's tables, alive together until
                // the engine is built and the program can go
                heapBuilt = liveHeap();
            }
            // The first engine on 2 threads starts slow (measured on 4 000 neurons: 32, 11, 7, then 4 us per step over
            // successive 12 000-step runs of one engine) until the JIT has compiled its paths, which would dominate the
            // 0.04 s timed runs of small networks. The JIT's last compilations of the step's methods end about 1-2 s
            // into a run; a warm-up of a fixed number of steps (0.2 s at 4 000 neurons)
            // left them to the timed runs, whose median then varied by 2x. So it runs for at least WARM_SECONDS too.
            int warmSteps = (int) Math.max(3000, Math.min(40_000, 2e8 / neurons));
            long warmEnd = System.nanoTime() + (long) (WARM_SECONDS * 1e9);
            for (int done = 0; done < warmSteps || System.nanoTime() < warmEnd; done += 100) {
                warm.run(100);
            }
        }
        // then a second fresh engine, run as a timed one is. The first steps of a new engine take branches that the
        // long warm-up took only in its own first steps (the accounts' arrays growing, ...), and the JIT had compiled
        // them out: it recompiled the accounts' methods during the first timed run. 64 000 neurons on 2 threads,
        // first of five timed runs: 0.42-0.59 s without this, 0.41-0.45 s with it; the others 0.34-0.44 s.
        try (ChipEngine warm = engine(graph, program, k)) {
            runInChunks(warm, null);
        }
        return heapBuilt;
    }

    /**
     * Prints the timed runs of entry k of {@code --threads}; returns their figures, by their names in the JSON file
     * (docs/performance.md).
     */
    private Map<String, Object> report(int k, double[] secs, double[] builds, Accounts acc, long tableBytes,
                                       long synapses) {
        double med = RepetitionFigures.median(secs);
        double best = java.util.Arrays.stream(secs).min().orElseThrow();
        double neuronSteps = (double) neurons * steps;
        double rateHz = acc.spikes() / (double) neurons / (steps * 1e-4);
        System.out.printf(Locale.ROOT, "  %s: loop %.3f s (median of %d, best %.3f), %d spikes (%.1f Hz), %d synaptic events,"
                        + " %.1f M neuron-steps/s, simulated %.3f ms on chip, %.3f uJ%n", label(k), med,
                repeat, best, acc.spikes(), rateHz, acc.synops(), neuronSteps / med / 1e6, acc.timeNs() / 1e6,
                acc.energyByKind().get("total") / 1e6);
        double buildMedian = RepetitionFigures.median(builds);
        System.out.printf(Locale.ROOT, "  engine tables %.1f bytes per synapse, built in %.2f s (median of %d)%n",
                tableBytes / (double) synapses, buildMedian, repeat);
        System.out.printf(Locale.ROOT, "  %s: %.1f M events/s%n", label(k), acc.synops() / med / 1e6);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", threads.get(k));
        putSetting(run, k);
        run.put("loop_s", secs.clone());
        run.put("loop_median_s", med);
        run.put("loop_best_s", best);
        run.put("spikes", acc.spikes());
        run.put("rate_hz", rateHz);
        run.put("synaptic_events", acc.synops());
        run.put("synaptic_events_per_s", acc.synops() / med);
        run.put("neuron_steps_per_s", neuronSteps / med);
        run.put("simulated_ms", acc.timeNs() / 1e6);
        run.put("energy_uj", acc.energyByKind().get("total") / 1e6);
        run.put("engine_table_bytes_per_synapse", tableBytes / (double) synapses);
        run.put("engine_build_median_s", buildMedian);
        return run;
    }

    /**
     * Measures the heap of a run (the last entry of {@code --threads}, with its setting): the network description alone,
     * the compiled program on top of it, and a running engine once the compilation is let go (the engine keeps the
     * program without its synapse and route arrays).
     * Takes the program out of {@code handOver}, so that nothing else holds it while the engine runs.
     * {@code before} holds the live heap at the start, with the network description, with the compilation, and with the
     * first engine just built beside the description and the program; {@code programTables} the bytes of the program's
     * synapse and route arrays.
     */
    private Map<String, Object> heap(ProcessGraph graph, org.spikemesh.compiler.program.ChipProgram[] handOver, int k,
                                     long[] before, long synapses, long programTables) {
        int t = threads.get(k);
        org.spikemesh.compiler.program.ChipProgram program = handOver[0];
        handOver[0] = null;
        try (ChipEngine engine = engine(graph, program, k)) {
            program = null; // from here only the engine and the network description are reachable
            engine.run(Math.min(steps, 100));
            long heapRun = liveHeap();
            double per = synapses;
            System.out.printf(Locale.ROOT, "  heap while running (%s, live objects):"
                            + " %.1f bytes per synapse over the network description (engine tables %.1f of it);"
                            + " network description %.1f bytes per synapse; compiled program %.1f more (streamed: no"
                            + " synapse or route arrays; %.1f of route offsets), let go once the engine is built%n", label(k),
                    (heapRun - before[1]) / per, engine.tableBytes() / per, (before[1] - before[0]) / per,
                    (before[2] - before[1]) / per, programTables / per);
            System.out.printf(Locale.ROOT, "  heap at its peak (live objects while the first engine is built, with the"
                    + " description and the program): %.1f bytes per synapse; while running: %.1f%n",
                    (before[3] - before[0]) / per, (heapRun - before[0]) / per);
            Map<String, Object> heap = new LinkedHashMap<>();
            heap.put("threads", t);
            heap.put("peak_bytes_per_synapse", (before[3] - before[0]) / per);
            heap.put("running_bytes_per_synapse", (heapRun - before[0]) / per);
            heap.put("network_description_bytes_per_synapse", (before[1] - before[0]) / per);
            heap.put("engine_bytes_per_synapse", (heapRun - before[1]) / per);
            heap.put("engine_table_bytes_per_synapse", engine.tableBytes() / per);
            heap.put("compiled_program_bytes_per_synapse", (before[2] - before[1]) / per);
            return heap;
        }
    }
}
