package org.spikemesh.cli.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.spikemesh.cli.AtomicFiles;
import org.spikemesh.cli.Progress;
import org.spikemesh.cli.report.SweepPage;
import org.spikemesh.cluster.hz.HazelcastRunner;
import org.spikemesh.cluster.sweep.PointRunner;
import org.spikemesh.cluster.sweep.SerialRunner;
import org.spikemesh.cluster.sweep.Shard;
import org.spikemesh.cluster.sweep.SweepException;
import org.spikemesh.cluster.sweep.SweepFile;
import org.spikemesh.cluster.sweep.SweepPlan;
import org.spikemesh.cluster.sweep.SweepRun;
import org.spikemesh.cluster.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikemesh sweep}: runs every point of a sweep file and writes JSONL, CSV and an HTML Pareto page. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep file (spikemesh-sweep/1) over chip configurations on an embedded cluster, or one"
                + " slice of it alone; write one JSON line per point, a CSV and an HTML page with the Pareto front."
                + " Points already in the results file are skipped.")
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "sweep file (YAML, spikemesh-sweep/1)")
    Path sweep;

    @Option(names = "--out", paramLabel = "FILE",
            description = "results, one JSON line per point (default SWEEP-NAME.jsonl); the .csv and .html of the same name beside it (r.jsonl: r.csv, r.html)")
    Path out;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "run only the i-th of N slices (points with index mod N = i-1), here, without a cluster")
    String shard;

    @Option(names = "--members", defaultValue = "1", paramLabel = "K",
            description = "cluster members to start in this process (default 1); workers may join")
    int members;

    @Option(names = "--threads", paramLabel = "T", description = "points run at once per member (default: cores)")
    Integer threads;

    @Option(names = "--port", defaultValue = "5701", paramLabel = "P",
            description = "port of the first member on 127.0.0.1 (default 5701, the next free one if taken; 0: any)")
    int port;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "cluster name (default: spikemesh-sweep-NAME- and a random suffix, unique per run)")
    String cluster;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar or summary")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        SweepSpec s = SweepFile.load(sweep);
        Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
        check(slice);
        Path jsonl = (out != null ? out : Path.of(s.name() + ".jsonl")).toAbsolutePath();
        Path csv = sibling(jsonl, ".csv");
        Path html = sibling(jsonl, ".html");
        // before any point runs: the results, and the CSV and HTML pages written beside them
        AtomicFiles.requireWritable("--out " + jsonl, jsonl);
        AtomicFiles.requireWritable("--out " + jsonl + " (its CSV " + csv.getFileName() + ")", csv);
        AtomicFiles.requireWritable("--out " + jsonl + " (its HTML page " + html.getFileName() + ")", html);
        long todo = SweepPlan.points(s).stream().filter(j -> slice.contains(j.index())).count();
        HazelcastRunner[] started = new HazelcastRunner[1];
        Supplier<PointRunner> runners = shard != null ? SerialRunner::new : () -> start(s, started);
        SweepRun.Outcome o;
        // Ctrl-C ended the sweep with no word: the points done are kept (one line each), and the same command resumes
        PrintWriter err = spec.commandLine().getErr();
        Thread onCtrlC = new Thread(() -> {
            err.println("sweep " + s.name() + ": stopped; the points done are kept in " + jsonl + "; the same command"
                    + " runs the rest");
            err.flush();
        }, "spikemesh-sweep-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try (Progress bar = Progress.start("sweep " + s.name(), todo, "points", quiet)) {
            o = SweepRun.run(s, slice, jsonl, csv, runners, bar::stepTo);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the hook says what is kept
            }
        }
        AtomicFiles.write(html, SweepPage.render(s.name(), o.results()));
        if (!quiet) {
            summary(s, o, started[0], jsonl, csv, html);
        }
        return 0;
    }

    private void check(Shard slice) {
        if (members < 1) {
            throw new SweepException("--members must be at least 1, got " + members);
        }
        if (threads != null && threads < 1) {
            throw new SweepException("--threads must be at least 1, got " + threads);
        }
        if (port < 0 || port > 65535) {
            throw new SweepException("--port must be in 0..65535, got " + port);
        }
        if (shard != null && spec.commandLine().getParseResult().hasMatchedOption("--members")) {
            throw new SweepException("--shard " + slice.i() + "/" + slice.n() + " runs here without a cluster; leave out"
                    + " --members");
        }
    }

    private HazelcastRunner start(SweepSpec s, HazelcastRunner[] started) {
        String name = cluster != null ? cluster : "spikemesh-sweep-" + s.name().replaceAll("[^A-Za-z0-9_.-]", "_")
                + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        HazelcastRunner r = HazelcastRunner.start(name, port, members, t);
        started[0] = r;
        if (!quiet) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("sweep %s: cluster %s on %s (%d member%s here, %d point%s each at once); more hands:"
                            + " spikemesh worker --join %s --cluster %s%n", s.name(), name, r.address(), members,
                    members == 1 ? "" : "s", t, t == 1 ? "" : "s", r.address(), name);
            err.flush();
            r.logMembership(line -> {
                synchronized (err) {
                    err.println("sweep " + s.name() + ": " + line);
                    err.flush();
                }
            });
        }
        return r;
    }

    private void summary(SweepSpec s, SweepRun.Outcome o, HazelcastRunner r, Path jsonl, Path csv, Path html) {
        long fit = o.results().stream().filter(n -> n.path("fits").asBoolean()).count();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "sweep %s: %d points%s, %d run now, %d already done, %d of %d in the file fit%s%n",
                s.name(), o.points(), o.inSlice() == o.points() ? "" : " (" + o.inSlice() + " in this slice)", o.ran(),
                o.skipped(), fit, o.results().size(),
                r != null && r.rerun() > 0 ? ", " + r.rerun() + " re-run after their member left" : "");
        w.printf("results -> %s, %s, %s%n", jsonl, csv, html);
        w.flush();
    }

    static Path sibling(Path jsonl, String ext) {
        String f = jsonl.getFileName().toString();
        String stem = f.endsWith(".jsonl") ? f.substring(0, f.length() - 6) : f;
        return jsonl.resolveSibling(stem + ext);
    }
}
