package org.spikemesh.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.spikemesh.process.NumericModel;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.Simulation;

/**
 * The STDP window, measured: one plastic synapse, a pre spike at step 60 and a post spike at 60 + dt for dt in
 * -50..50, and the weight change each pairing leaves. With Lava's pair STDP (A_plus 1, A_minus -1, tau 10, impulse
 * 16, epoch 1) a pre spike before the post spike potentiates by {@code 16 exp(-dt/10)}, after it depresses by
 * {@code 16 exp(dt/10)}: the classic exponential window of Bi and Poo (1998). Run in float and in Loihi's fixed point;
 * the fixed-point curve is the float curve rounded to whole weight units with stochastic rounding, and with 7-bit
 * traces. Writes {@code stdp-window.csv} and {@code stdp-window.svg} (the two curves) into the directory given.
 *
 * <pre>mvn -q -pl examples exec:java -Dexec.mainClass=org.spikemesh.examples.StdpWindow -Dexec.args=out</pre>
 */
public final class StdpWindow {
    /** pre spike step. */
    static final int PRE = 60;
    /** initial weight, mid-range so both signs have room. */
    static final int W0 = 100;

    private StdpWindow() {
    }

    /** @return Lava's STDPLoihi with A_plus 1, A_minus -1, tau 10 both ways, impulse 16, epoch 1, seed 7 */
    static LearningRule pairStdp() {
        return LearningRules.stdp(1.0, 1.0, -1.0, 10, 10, 16, 1, 7L);
    }

    /**
     * One pairing: a SpikeInput makes the pre spike; a teacher drives the post LIF so that it spikes at the step
     * asked (a teacher spike at s gives a post spike at s + 1 through Dense; the LIF forgets u and v each step). The
     * plastic synapse's output goes nowhere, so learning cannot move the spikes.
     *
     * @return the plastic process after building the graph into {@code out[0]}
     */
    static LearningDense pairing(int preStep, int postStep, LearningRule rule, NumericModel model, ProcessGraph[] out) {
        SpikeInput pre = SpikeInput.of("pre", new int[]{1}, Map.of(0, new int[]{preStep}));
        SpikeInput teacher = SpikeInput.of("teacher", new int[]{1}, Map.of(0, new int[]{postStep - 1}));
        boolean fixed = model == NumericModel.FIXED_PT;
        LIF post = fixed ? LIF.builder("post").shape(1).du(4095).dv(4095).vth(1).build()
                : LIF.builder("post").shape(1).model(model).du(1.0).dv(1.0).vth(0.5).build();
        Dense drive = Dense.of("drive", new double[][]{{fixed ? 100 : 1}});
        LearningDense plastic = LearningDense.of("plastic", new double[][]{{W0}}, 8, 0, SignMode.MIXED, rule);
        teacher.sOut().connect(drive.sIn());
        drive.aOut().connect(post.aIn());
        pre.sOut().connect(plastic.sIn());
        post.sOut().connect(plastic.sInBap());
        out[0] = ProcessGraph.of(pre, teacher, drive, post, plastic);
        return plastic;
    }

    /**
     * @param rule the rule
     * @param model float_pt or fixed_pt
     * @param dt post minus pre spike step
     * @return the weight change after both spikes and one more step
     */
    static double change(LearningRule rule, NumericModel model, int dt) {
        ProcessGraph[] g = new ProcessGraph[1];
        LearningDense plastic = pairing(PRE, PRE + dt, rule, model, g);
        try (Simulation sim = Simulation.reference(g[0], RunConfig.defaults().model(model))) {
            sim.run(PRE + Math.max(dt, 0) + 1);
            return sim.get(plastic.weights())[0] - W0;
        }
    }

    /**
     * @param rule the rule
     * @param model arithmetic
     * @param from first dt
     * @param to last dt
     * @return weight change per dt
     */
    static double[] window(LearningRule rule, NumericModel model, int from, int to) {
        double[] r = new double[to - from + 1];
        for (int dt = from; dt <= to; dt++) {
            r[dt - from] = change(rule, model, dt);
        }
        return r;
    }

    /**
     * @param args output directory (default out)
     * @throws IOException if the files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "out");
        Files.createDirectories(dir);
        double[] flt = window(pairStdp(), NumericModel.FLOAT_PT, -50, 50);
        double[] fix = window(pairStdp(), NumericModel.FIXED_PT, -50, 50);
        StringBuilder csv = new StringBuilder("dt,dw_float,dw_fixed,dw_closed_form\n");
        for (int dt = -50; dt <= 50; dt++) {
            double closed = dt == 0 ? 0 : Math.signum(dt) * 16 * Math.exp(-Math.abs(dt) / 10.0);
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.0f,%.6f%n", dt, flt[dt + 50], fix[dt + 50], closed));
        }
        Files.writeString(dir.resolve("stdp-window.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("stdp-window.svg"), svg(flt, fix), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("stdp-window.csv") + " and " + dir.resolve("stdp-window.svg"));
        System.out.printf(Locale.ROOT, "dt=+1: float %+.3f fixed %+.0f   dt=-1: float %+.3f fixed %+.0f%n", flt[51],
                fix[51], flt[49], fix[49]);
    }

    private static String svg(double[] flt, double[] fix) {
        int w = 640;
        int h = 360;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(w).append("' height='").append(h)
                .append("' font-family='sans-serif' font-size='12'>\n");
        s.append("<text x='20' y='20'>STDP window: weight change against t_post - t_pre (steps)</text>\n");
        s.append("<line x1='40' y1='180' x2='620' y2='180' stroke='#888'/><line x1='330' y1='40' x2='330' y2='330'"
                + " stroke='#888'/>\n");
        s.append("<text x='600' y='196'>+50</text><text x='40' y='196'>-50</text>");
        s.append("<text x='336' y='50'>+16</text><text x='336' y='326'>-16</text>\n");
        s.append(line(flt, "#1f77b4")).append(line(fix, "#d62728"));
        s.append("<text x='460' y='80' fill='#1f77b4'>float_pt</text><text x='460' y='96' fill='#d62728'>fixed_pt"
                + " (Loihi)</text>\n</svg>\n");
        return s.toString();
    }

    private static String line(double[] v, String colour) {
        StringBuilder p = new StringBuilder("<polyline fill='none' stroke='" + colour + "' points='");
        for (int k = 0; k < v.length; k++) {
            double x = 40 + k * 580.0 / (v.length - 1);
            double y = 180 - v[k] * 140 / 16;
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return p.append("'/>\n").toString();
    }
}
