package org.spikemesh.simulator.chip;

import java.util.Arrays;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;

/**
 * A run written out as text, for tests that compare two runs line by line: every spike and probed value per step,
 * and everything a chip engine's accounts and per-core counters report. Shared with the cluster module's tests
 * through this module's test jar.
 */
public final class EngineTraces {
    private EngineTraces() {
    }

    /**
     * @param sb where the lines go
     * @return a listener that appends every non-empty spike set and every probed value, a line per step and item
     */
    public static RunListener recorder(StringBuilder sb) {
        return new RunListener() {
            @Override
            public void spikes(int step, Process process, int[] neurons, int count) {
                if (count > 0) {
                    sb.append(step).append(" spk ").append(process.name()).append(' ')
                            .append(Arrays.toString(Arrays.copyOf(neurons, count))).append('\n');
                }
            }

            @Override
            public void values(int step, Var var, double[] values) {
                sb.append(step).append(' ').append(var.qualifiedName()).append(' ')
                        .append(Arrays.toString(values)).append('\n');
            }
        };
    }

    /**
     * @param g the network
     * @param seed run seed
     * @param listener a listener, or null (a follower partition reports nothing)
     * @return a config that probes v of every LIF process
     */
    public static RunConfig probingV(ProcessGraph g, long seed, RunListener listener) {
        RunConfig cfg = RunConfig.defaults().seed(seed);
        if (listener != null) {
            cfg.listener(listener);
        }
        for (Process p : g.processes()) {
            if (p instanceof LIF) {
                cfg.probe(((LIF) p).v());
            }
        }
        return cfg;
    }

    /**
     * Appends the engine's accounts after a run: energy by kind, counts, time, the latency histogram, every step's
     * time, energy, critical core and link and busiest link, link totals, every core's totals and busy time, and the
     * per-core window counters.
     *
     * @param sb where the lines go
     * @param e the engine (the coordinator of a partitioned run)
     */
    public static void appendAccounts(StringBuilder sb, ChipEngine e) {
        Accounts a = e.accounts();
        sb.append("energy ").append(a.energyByKind()).append("\ncounts ").append(a.counts()).append("\ntime ")
                .append(a.timeNs()).append("\nlatency ").append(a.latencyHistogram().getTotalCount()).append(' ')
                .append(a.latencyHistogram().getMean()).append('\n');
        for (int i = 0; i < a.steps(); i++) {
            sb.append(i).append(' ').append(a.stepNs(i)).append(' ').append(a.stepPj(i)).append(' ')
                    .append(a.criticalCore(i)).append(' ').append(a.criticalLink(i)).append(' ')
                    .append(a.stepBusiestLink(i)).append('\n');
        }
        for (int d = 0; d < 4; d++) {
            sb.append("links ").append(d).append(Arrays.toString(a.linkTotals(d))).append('\n');
        }
        for (int c = 0; c < e.program().cores().size(); c++) {
            sb.append("core ").append(c).append(Arrays.toString(e.coreTotals(c))).append(' ')
                    .append(e.coreTimeNs(c)).append('\n');
        }
        for (long[] r : e.coreCountersByWindow()) {
            sb.append(Arrays.toString(r)).append('\n');
        }
    }
}
