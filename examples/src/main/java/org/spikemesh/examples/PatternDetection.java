package org.spikemesh.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;

/**
 * A neuron learns to detect a repeated spike pattern hidden in noise, after Masquelier, Guyonneau and Thorpe (PLoS
 * ONE 2008), in Loihi's fixed point with Lava's pair STDP. {@value #AFFERENTS} afferents fire as Poisson noise
 * ({@value #RATE} per step, i.e. 20 Hz at 1 ms steps); half of them repeat one frozen {@value #PATTERN}-step pattern
 * at irregular times (about a third of the time), with the same rate, so nothing but the repetition tells the
 * pattern from the noise. One LIF neuron listens through plastic excitatory synapses; depression outweighs potentiation
 * (A_minus tau_minus &gt; A_plus tau_plus), so inputs that do not reliably precede its spikes lose weight. Over the
 * presentations the neuron first fires at everything, then goes quiet, then fires at every presentation of the
 * pattern, and earlier and earlier within it (about 45 steps after onset in block 4, 5 in block 12 of 20 000
 * steps), while the pattern afferents gain weight and the others lose theirs (from 120 to about 47 and 3), as in the
 * paper. Prints, per block of presentations, the hit rate, the mean latency after
 * pattern onset, the false alarms outside the pattern, and the mean weights; writes {@code pattern-detection.csv}.
 *
 * <pre>java -cp "examples/target/classes:cli/target/lib/*" org.spikemesh.examples.PatternDetection out</pre>
 */
public final class PatternDetection {
    static final int AFFERENTS = 200;
    static final double RATE = 0.02;
    static final int PATTERN = 50;
    static final int STEPS = 240_000;

    private PatternDetection() {
    }

    /** The input: spike trains per afferent and the onsets of the pattern. */
    record Input(Map<Integer, int[]> spikes, int[] onsets) {
    }

    static Input input(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[][] pattern = new boolean[AFFERENTS / 2][PATTERN];
        for (boolean[] row : pattern) {
            for (int s = 0; s < PATTERN; s++) {
                row[s] = rnd.nextDouble() < RATE;
            }
        }
        List<Integer> onsets = new ArrayList<>();
        boolean[] inPattern = new boolean[STEPS + 1];
        int t = 100 + rnd.nextInt(100);
        while (t + PATTERN < STEPS) {
            onsets.add(t);
            for (int s = 0; s < PATTERN; s++) {
                inPattern[t + s] = true;
            }
            t += PATTERN + 100 + rnd.nextInt(100);
        }
        Map<Integer, int[]> spikes = new HashMap<>();
        int[] onsetAt = new int[STEPS + 1];
        Arrays.fill(onsetAt, -1);
        for (int o : onsets) {
            for (int s = 0; s < PATTERN; s++) {
                onsetAt[o + s] = o;
            }
        }
        for (int a = 0; a < AFFERENTS; a++) {
            int[] buf = new int[STEPS / 10];
            int n = 0;
            for (int step = 1; step <= STEPS; step++) {
                boolean fire = a < AFFERENTS / 2 && inPattern[step] ? pattern[a][step - onsetAt[step]]
                        : rnd.nextDouble() < RATE;
                if (fire) {
                    if (n == buf.length) {
                        buf = Arrays.copyOf(buf, n * 2);
                    }
                    buf[n++] = step;
                }
            }
            spikes.put(a, Arrays.copyOf(buf, n));
        }
        return new Input(spikes, onsets.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @return Lava's pair STDP, A_plus 2^-5 and A_minus -2^-5 (a pairing moves a weight by at most half a unit,
     *         rounded stochastically), tau_plus 17 and tau_minus 21 steps, so depression outweighs potentiation
     */
    static LearningRule rule() {
        return LearningRules.stdp(1.0, 0.03125, -0.03125, 17, 21, 16, 1, 11L);
    }

    /**
     * Runs the experiment.
     *
     * @param seed input seed
     * @param blocks number of report blocks
     * @return one row per block: hits, presentations, mean latency, false alarms, mean pattern weight, mean other
     */
    static double[][] run(long seed, int blocks) {
        Input in = input(seed);
        SpikeInput aff = SpikeInput.of("afferents", new int[]{AFFERENTS}, in.spikes());
        LIF neuron = LIF.builder("neuron").shape(1).du(1400).dv(300).vth(VTH).build();
        double[][] w0 = new double[1][AFFERENTS];
        Arrays.fill(w0[0], 120);
        LearningDense syn = LearningDense.of("synapses", w0, 8, 0, SignMode.EXCITATORY, rule());
        aff.sOut().connect(syn.sIn());
        syn.aOut().connect(neuron.aIn());
        neuron.sOut().connect(syn.sInBap());
        ProcessGraph g = ProcessGraph.of(aff, neuron, syn);
        List<Integer> post = new ArrayList<>();
        RunConfig cfg = RunConfig.defaults().listener(new RunListener() {
            @Override
            public void spikes(int step, org.spikemesh.process.Process process, int[] neurons, int count) {
                if (process == neuron && count > 0) {
                    post.add(step);
                }
            }
        });
        double[][] rows = new double[blocks][];
        int per = STEPS / blocks;
        try (Simulation sim = Simulation.reference(g, cfg)) {
            for (int b = 0; b < blocks; b++) {
                sim.run(per);
                double[] w = sim.get(syn.weights());
                rows[b] = score(in.onsets(), post, b * per, (b + 1) * per, w);
            }
        }
        return rows;
    }

    /** threshold: about 22 coincident inputs of the initial weight 120 with this LIF's decays. */
    static final int VTH = 4400;

    private static double[] score(int[] onsets, List<Integer> post, int from, int to, double[] w) {
        int hits = 0;
        int shown = 0;
        double latency = 0;
        boolean[] inside = new boolean[to - from + 1];
        for (int o : onsets) {
            if (o <= from || o + PATTERN > to) {
                continue;
            }
            shown++;
            for (int s = 0; s < PATTERN; s++) {
                inside[o + s - from] = true;
            }
            for (int p : post) {
                if (p >= o && p < o + PATTERN) {
                    hits++;
                    latency += p - o;
                    break;
                }
            }
        }
        int false0 = 0;
        for (int p : post) {
            if (p > from && p <= to && !inside[p - from]) {
                false0++;
            }
        }
        double wp = 0;
        double wo = 0;
        for (int a = 0; a < AFFERENTS; a++) {
            if (a < AFFERENTS / 2) {
                wp += w[a];
            } else {
                wo += w[a];
            }
        }
        return new double[]{hits, shown, hits == 0 ? Double.NaN : latency / hits, false0, wp / (AFFERENTS / 2.0),
            wo / (AFFERENTS / 2.0)};
    }

    /**
     * @param args output directory (default out)
     * @throws IOException if the CSV cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "out");
        Files.createDirectories(dir);
        double[][] rows = run(1, 12);
        StringBuilder csv = new StringBuilder("block,hits,presentations,mean_latency_steps,false_alarms,"
                + "mean_weight_pattern,mean_weight_other\n");
        System.out.println("block  hits/shown  latency  false alarms  w(pattern)  w(other)");
        for (int b = 0; b < rows.length; b++) {
            double[] r = rows[b];
            csv.append(String.format(Locale.ROOT, "%d,%.0f,%.0f,%.2f,%.0f,%.2f,%.2f%n", b + 1, r[0], r[1], r[2], r[3],
                    r[4], r[5]));
            System.out.printf(Locale.ROOT, "%5d  %4.0f/%-5.0f  %7.1f  %12.0f  %10.1f  %8.1f%n", b + 1, r[0], r[1], r[2],
                    r[3], r[4], r[5]);
        }
        Files.writeString(dir.resolve("pattern-detection.csv"), csv, StandardCharsets.UTF_8);
    }
}
