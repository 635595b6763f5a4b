package org.spikemesh.process.nir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikemesh.process.Process;
import org.spikemesh.process.lib.CubaNeuron;

/**
 * What a fixed-point chip cannot represent of an imported NIR graph's time constants, one line per node and field
 * with by how much and what would be valid. On Loihi (ARCHITECTURE.md, Semantics 5) the current decays by
 * {@code (du + 1) / 4096} per step with {@code du} in 0..4095 and the voltage by {@code dv / 4096} with {@code dv} in
 * 0..4095, so a decay {@code dt / tau} becomes the nearest multiple of 1/4096: a current decay below 1/4096 is made
 * 1/4096 (faster), a voltage decay below 1/8192 becomes 0 (no leak), and others move by the rounding. A line is given
 * when the decay changes by more than {@link #TOLERANCE} of itself.
 */
public final class NirChipCheck {
    /** Relative change of a decay beyond which a line is given: 1 %. */
    public static final double TOLERANCE = 0.01;
    private static final double STEP = 1.0 / 4096;

    private NirChipCheck() {
    }

    /**
     * @param file the graph as read
     * @param model its import
     * @return one line per neuron node and time constant that the chip's decays change by more than 1 %
     */
    public static List<String> check(NirFile file, NirModel model) {
        List<String> r = new ArrayList<>();
        walk(file.graph(), "", file.source(), model, r);
        return r;
    }

    private static void walk(NirGraph g, String prefix, String source, NirModel m, List<String> out) {
        for (NirNode n : g.nodes().values()) {
            String id = prefix + n.name();
            if (n.graph() != null) {
                walk(n.graph(), id + ".", source, m, out);
                continue;
            }
            String proc = m.processes().get(id);
            Process p = proc == null ? null : m.network().graph().process(proc);
            if (!(p instanceof CubaNeuron)) {
                continue;
            }
            String where = source + ": node '" + id + "' (" + n.type() + ")";
            CubaNeuron c = (CubaNeuron) p;
            switch (n.type()) {
                case "CubaLIF", "CubaLI" -> {
                    current(where, "tau_syn", c.du().get(), m.dt(), out);
                    voltage(where, "tau_mem", c.dv().get(), m.dt(), out);
                }
                case "LIF", "LI" -> voltage(where, "tau", c.dv().get(), m.dt(), out);
                default -> { }
            }
        }
    }

    private static void current(String where, String field, double[] d, double dt, List<String> out) {
        // the current decay factor is 4096 - du with du in 0..4095: the decay is 1..4096 steps of 1/4096
        double[] w = worst(d, x -> (Math.max(0, Math.min(4095, Math.round(x / STEP) - 1)) + 1) * STEP, false);
        double worst = w[0];
        double at = w[1];
        if (worst <= TOLERANCE) {
            return;
        }
        String how = at < STEP ? String.format(Locale.ROOT, "is below the smallest current decay of the chip, 1/4096 ="
                + " %.3g, so the current decays %.3g times faster", STEP, STEP / at)
                : String.format(Locale.ROOT, "moves by %.3g %% to the nearest multiple of 1/4096", 100 * worst);
        out.add(where + ", field '" + field + "': the decay dt/" + field + " = " + fmt(at) + " per step " + how
                + "; valid on the chip: " + field + " <= 4096 dt = " + fmt(4096 * dt) + " s, with dt/" + field
                + " within 1 % of a multiple of 1/4096 (certain for " + field + " <= " + fmt(4096 * dt / 50) + " s)");
    }

    private static void voltage(String where, String field, double[] d, double dt, List<String> out) {
        // the voltage decay is dv/4096 with dv in 0..4096; no decay at all is exact
        double[] w = worst(d, x -> Math.max(0, Math.min(4096, Math.round(x / STEP))) * STEP, true);
        double worst = w[0];
        double at = w[1];
        if (worst <= TOLERANCE) {
            return;
        }
        String how = at < STEP / 2 ? "rounds to 0/4096 on the chip: the voltage does not leak"
                : String.format(Locale.ROOT, "moves by %.3g %% to the nearest multiple of 1/4096", 100 * worst);
        out.add(where + ", field '" + field + "': the decay dt/" + field + " = " + fmt(at) + " per step " + how
                + "; valid on the chip: " + field + " < 8192 dt = " + fmt(8192 * dt) + " s, with dt/" + field
                + " within 1 % of a multiple of 1/4096 (certain for " + field + " <= " + fmt(4096 * dt / 50) + " s)");
    }

    /**
     * @param d decays per step
     * @param onChip the decay the chip can hold nearest to a given one
     * @param skipZero whether a decay of 0 is left out
     * @return the largest relative change of a decay on the chip, and that decay
     */
    private static double[] worst(double[] d, java.util.function.DoubleUnaryOperator onChip, boolean skipZero) {
        double worst = 0;
        double at = 0;
        for (double x : d) {
            if (skipZero && x == 0) {
                continue;
            }
            double rel = Math.abs(onChip.applyAsDouble(x) - x) / x;
            if (rel > worst) {
                worst = rel;
                at = x;
            }
        }
        return new double[]{worst, at};
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
