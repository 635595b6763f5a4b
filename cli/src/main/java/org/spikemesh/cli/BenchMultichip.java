package org.spikemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikemesh.process.io.NetworkWriter;
import org.spikemesh.process.nets.Cuba;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikemesh bench multichip}: CUBA run by {@code spikemesh run} in one process and split over 2, 4, ...
 * processes over Aeron (IPC and UDP), each measured by its stepping loop ({@code loop_wall_seconds}); prints the
 * time per step and the exchange overhead per step against the one-process run measured in the same session.
 */
@Command(name = "multichip", mixinStandardHelpOptions = true,
        description = "CUBA split over processes (Aeron IPC/UDP): time per step and the exchange overhead per step"
                + " against one process.")
public final class BenchMultichip implements Callable<Integer> {
    @Option(names = "--neurons", defaultValue = "4000", description = "N (default 4000)")
    int neurons;

    @Option(names = "--steps", defaultValue = "5000", description = "time steps (default 5000)")
    int steps;

    @Option(names = "--partitions", split = ",", description = "partition counts (default 2,4); 1 is always run")
    List<Integer> partitions = new ArrayList<>(List.of(2, 4));

    @Option(names = "--transport", split = ",", description = "transports (default ipc,udp)")
    List<String> transports = new ArrayList<>(List.of("ipc", "udp"));

    @Option(names = "--threads", defaultValue = "1", description = "threads per partition (default 1)")
    int threads;

    @Option(names = "--chip", defaultValue = "loihi-like", description = "chip preset or file (default loihi-like)")
    String chip;

    @Option(names = "--repeat", defaultValue = "3", description = "timed repetitions (median is reported)")
    int repeat;

    @Option(names = "--seed", defaultValue = "1", description = "network seed")
    long seed;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("spikemesh-bench-multichip");
        try {
            return bench(dir);
        } finally {
            // the network and every run's outputs (left behind after each bench before)
            AtomicDirectory.deleteTree(dir);
        }
    }

    private int bench(Path dir) throws IOException {
        Path net = dir.resolve("cuba.yaml");
        NetworkWriter.save(Cuba.build(neurons, seed), net);
        double[] one = measure(net, dir, 1, "ipc");
        System.out.printf(Locale.ROOT, "CUBA N=%d, %d steps on %s, %d thread(s) per process; %d synaptic events%n",
                neurons, steps, chip, threads, (long) one[1]);
        System.out.printf(Locale.ROOT, "  1 process: loop %.3f s (median of %d), %.1f us per step, %.1f M events/s%n",
                one[0], repeat, one[0] / steps * 1e6, one[1] / one[0] / 1e6);
        for (String t : transports) {
            for (int p : partitions) {
                double[] r = measure(net, dir, p, t);
                if (r[1] != one[1]) {
                    throw new IllegalStateException(p + " partitions over " + t + " counted " + (long) r[1]
                            + " synaptic events, one process " + (long) one[1]);
                }
                System.out.printf(Locale.ROOT, "  %d processes over %s: loop %.3f s, %.1f us per step, exchange"
                                + " overhead %.1f us per step (%.2fx one process), %.1f M events/s%n", p, t, r[0],
                        r[0] / steps * 1e6, (r[0] - one[0]) / steps * 1e6, r[0] / one[0], r[1] / r[0] / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "  load average at the end: %.1f (%d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** @return {median loop seconds, synaptic events} of {@code repeat} runs */
    private double[] measure(Path net, Path dir, int p, String transport) throws IOException {
        double[] loops = new double[repeat];
        double events = 0;
        for (int k = 0; k < repeat; k++) {
            Path out = dir.resolve("out-" + p + "-" + transport + "-" + k);
            List<String> args = new ArrayList<>(List.of("run", net.toString(), "--backend", "chip", "--chip", chip,
                    "--chips", "-1", "--steps", Integer.toString(steps), "--threads", Integer.toString(threads),
                    "--seed", Long.toString(seed), "--quiet", "--core-counters-every", Integer.toString(steps),
                    "--out", out.toString()));
            if (p > 1) {
                args.addAll(List.of("--partitions", Integer.toString(p), "--transport", transport));
            }
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            int code = cl.execute(args.toArray(new String[0]));
            if (code != 0) {
                throw new IllegalStateException("run with " + p + " partition(s) over " + transport + " failed: "
                        + err.toString().trim());
            }
            JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            loops[k] = s.path("loop_wall_seconds").asDouble();
            events = s.path("chip").path("counts").path("synaptic_ops").asDouble();
        }
        Arrays.sort(loops);
        return new double[]{loops[repeat / 2], events};
    }
}
