package org.spikemesh.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.Compilation;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikemesh bench compile}: compile time per stage, peak heap and placement quality (traffic x distance of a
 * random placement, of the greedy start and after local search) for CUBA-like networks of several sizes.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compiler benchmark: time per stage, peak heap, placement quality for N neurons x fan-in synapses.")
public final class BenchCompile implements Callable<Integer> {
    @Option(names = "--neurons", split = ",", description = "sizes (default 4000,64000)")
    List<Integer> sizes = new ArrayList<>(List.of(4000, 64000));

    @Option(names = "--fan-in", defaultValue = "100",
            description = "synapses per neuron, 80%% excitatory (default 100)")
    int fanIn;

    @Option(names = "--chip", defaultValue = "loihi-like", description = "chip preset or file (default loihi-like)")
    String chip;

    @Option(names = "--seed", defaultValue = "1", description = "seed")
    long seed;

    @Override
    public Integer call() {
        ChipConfig cfg = ChipConfigs.presetOrFile(chip);
        int exc = fanIn * 4 / 5;
        for (int n : sizes) {
            resetPeaks();
            long t0 = System.nanoTime();
            ProcessGraph g = Cuba.build(n, seed, exc, fanIn - exc).graph();
            double buildS = (System.nanoTime() - t0) / 1e9;
            long buildPeak = peakHeap();
            resetPeaks();
            long networkHeap = usedHeap();
            long[] sampled = {0};
            Thread sampler = new Thread(() -> {
                java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    sampled[0] = Math.max(sampled[0], mem.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long t1 = System.nanoTime();
            Compilation c = Compiler.compile(g, cfg, CompileOptions.defaults().withChips(Compiler.AUTO_CHIPS).withSeed(seed));
            double compileS = (System.nanoTime() - t1) / 1e9;
            sampler.interrupt();
            Map<String, Object> pl = c.report().placement();
            System.out.printf(Locale.ROOT, "N=%d, %d synapses: %d cores on %d x %s; network built in %.2f s, compiled in"
                            + " %.2f s %s; heap used at most %.0f MB while compiling (sampled every 20 ms; the network"
                            + " itself holds %.0f MB of it; building it peaked at %.0f MB), heap limit %.0f MB%n", n,
                    c.program().synapses(), c.program().cores().size(), c.program().chip().mesh().chips(), cfg.name(),
                    buildS, compileS, c.report().compileMs(), sampled[0] / 1e6, networkHeap / 1e6, buildPeak / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
            System.out.printf(Locale.ROOT, "  placement (%s start): traffic x distance random %.4g, start %.4g, after %s"
                            + " moves %.4g (%.1f%% of random)%n", pl.get("start"), (Double) pl.get("random_cost"),
                    (Double) pl.get("start_cost"), pl.get("moves"), (Double) pl.get("final_cost"),
                    100 * (Double) pl.get("final_cost") / (Double) pl.get("random_cost"));
        }
        return 0;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long usedHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getUsage().getUsed();
            }
        }
        return sum;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
