package org.spikemesh.cli.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikemesh.cluster.hz.Worker;
import org.spikemesh.cluster.sweep.SweepException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikemesh worker}: joins a running sweep and takes points until it ends. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Join a running sweep (spikemesh sweep prints its address and cluster name) and run its points"
                + " until the sweep ends; stopping a worker loses no point (its points run elsewhere).")
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--join", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "addresses of the sweep's members, e.g. 127.0.0.1:5701")
    List<String> join = new ArrayList<>();

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "the sweep's cluster name")
    String cluster;

    @Option(names = "--threads", paramLabel = "T", description = "points run at once here (default: cores)")
    Integer threads;

    @Option(names = "--port", defaultValue = "0", paramLabel = "P",
            description = "port to listen on, on 127.0.0.1 (default 0: any free port)")
    int port;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        for (String a : join) {
            if (!a.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")
                    || Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)) > 65_535
                    || Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)) < 1) {
                // a port beyond 65 535 passed, and Hazelcast said only "Node failed to start!"
                throw new SweepException("--join '" + a + "' is not valid; valid is HOST:PORT with a port of 1..65535,"
                        + " e.g. 127.0.0.1:5701");
            }
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new SweepException("--threads must be at least 1, got " + t);
        }
        Worker w = Worker.join(cluster, join, port, t);
        Thread hook = new Thread(w::stop, "spikemesh-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        if (!quiet) {
            out.printf("worker %s joined %s (%d point%s at once); running points until the sweep ends%n", w.address(),
                    cluster, t, t == 1 ? "" : "s");
            out.flush();
        }
        w.awaitSweepEnd();
        boolean stopped = false;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook has stopped the member
            stopped = true;
        }
        if (!quiet) {
            // the sweep's members are gone: it ended, or it was stopped (the next run of it resumes); this worker
            // cannot tell which. It said "the sweep ended" also when itself was stopped with Ctrl-C
            out.println(stopped ? "worker: stopped; left the cluster (the points it was running are run again by the"
                    + " sweep)" : "worker: the sweep's members have left (it ended, or was stopped); left the cluster");
            out.flush();
        }
        return 0;
    }
}
