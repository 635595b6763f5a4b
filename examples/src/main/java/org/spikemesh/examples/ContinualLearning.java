package org.spikemesh.examples;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.SpikeInput;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;

/**
 * Continual learning with a local rule: two tasks learned one after the other, and how much of the first is kept.
 * {@value #INPUTS} input neurons, {@value #OUTPUTS} output neurons, plastic excitatory synapses with pair STDP in
 * Loihi's fixed point. Task A pairs input pattern A (inputs 0..19 firing at 5 % per step) with output 0, which a
 * teacher makes fire; task B then pairs pattern B with output 1. Nothing protects task A explicitly: what protects
 * it is that the rule is local, so a synapse changes only when its own pre or post neuron spikes.
 *
 * <p>Run twice. When the patterns share no input, output 0 keeps every weight from pattern A's inputs (they are silent in
 * task B, so no product reaches those synapses) and barely fires: task A keeps 100 % of its selectivity and task B is learned too (0.99). When they share 10 of 20 inputs, the shared inputs
 * (strong onto output 0 after task A) make output 0 fire during task B, so it learns pattern B's other inputs as
 * well (their weights onto output 0 grow from 10 to about 83): task A keeps 79 % of its selectivity and output 0
 * takes most of pattern B (selectivity 0.34). Catastrophic forgetting, where a global error signal moves every
 * weight for every task, is eased but not abolished by locality: interference is confined to what the tasks share,
 * and follows from it.
 *
 * <p>After each phase the learned weights are copied into a network without plasticity and tested: each pattern is
 * shown for {@value #TEST_STEPS} steps without teacher and the outputs' spikes are counted; selectivity is the share
 * of the spikes that the right output fires.
 *
 * <pre>java -cp "examples/target/classes:cli/target/lib/*" org.spikemesh.examples.ContinualLearning</pre>
 */
public final class ContinualLearning {
    static final int INPUTS = 40;
    static final int OUTPUTS = 2;
    static final int TASK_STEPS = 4000;
    static final int TEST_STEPS = 2000;
    static final double RATE = 0.05;
    static final int W0 = 10;
    /** weight exponent of the plastic synapses: a weight of w adds w * 8 * 64 to the current. */
    static final int EXP = 3;

    private ContinualLearning() {
    }

    /** @return inputs of pattern A (0..19) or B (20 - overlap .. 39 - overlap) */
    static int[] pattern(char which, int overlap) {
        int from = which == 'A' ? 0 : 20 - overlap;
        int[] r = new int[20];
        for (int k = 0; k < 20; k++) {
            r[k] = from + k;
        }
        return r;
    }

    /**
     * @return pair STDP, A_plus 2^-5, A_minus -2^-5, tau_plus 10 and tau_minus 8 steps: with pre and post firing
     *         together but independently, potentiation slightly outweighs depression and the weights grow
     */
    static LearningRule rule() {
        return LearningRules.stdp(1.0, 0.03125, -0.03125, 10, 8, 16, 1, 5L);
    }

    /** Poisson spikes of the pattern's inputs over steps [from, to]. */
    private static void poisson(Map<Integer, int[]> spikes, int[] inputs, int from, int to, double rate, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i : inputs) {
            int[] old = spikes.getOrDefault(i, new int[0]);
            int[] buf = Arrays.copyOf(old, old.length + (to - from + 1));
            int n = old.length;
            for (int t = from; t <= to; t++) {
                if (rnd.nextDouble() < rate) {
                    buf[n++] = t;
                }
            }
            spikes.put(i, Arrays.copyOf(buf, n));
        }
    }

    private static LIF outputs(String name) {
        return LIF.builder(name).shape(OUTPUTS).du(2000).dv(400).vth(2800).build();
    }

    /**
     * Learns one task: the pattern's inputs fire, a teacher makes the given output fire at 5 % per step.
     *
     * @param w0 weights [out][in] before the task
     * @return weights after it
     */
    static double[][] learn(double[][] w0, char task, int output, int overlap, long seed) {
        Map<Integer, int[]> in = new HashMap<>();
        poisson(in, pattern(task, overlap), 1, TASK_STEPS, RATE, seed);
        Map<Integer, int[]> teach = new HashMap<>();
        poisson(teach, new int[]{output}, 1, TASK_STEPS, RATE, seed + 1);
        SpikeInput inputs = SpikeInput.of("inputs", new int[]{INPUTS}, in);
        SpikeInput teacher = SpikeInput.of("teacher", new int[]{OUTPUTS}, teach);
        LIF out = outputs("outputs");
        double[][] eye = new double[OUTPUTS][OUTPUTS];
        for (int k = 0; k < OUTPUTS; k++) {
            eye[k][k] = 255;
        }
        Dense drive = Dense.of("drive", eye, 8, 4, SignMode.EXCITATORY);
        LearningDense syn = LearningDense.of("synapses", w0, 8, EXP, SignMode.EXCITATORY, rule());
        inputs.sOut().connect(syn.sIn());
        syn.aOut().connect(out.aIn());
        teacher.sOut().connect(drive.sIn());
        drive.aOut().connect(out.aIn());
        out.sOut().connect(syn.sInBap());
        try (Simulation sim = Simulation.reference(ProcessGraph.of(inputs, teacher, drive, out, syn),
                RunConfig.defaults())) {
            sim.run(TASK_STEPS);
            return matrix(sim.get(syn.weights()));
        }
    }

    private static double[][] matrix(double[] flat) {
        double[][] m = new double[OUTPUTS][INPUTS];
        for (int o = 0; o < OUTPUTS; o++) {
            m[o] = Arrays.copyOfRange(flat, o * INPUTS, (o + 1) * INPUTS);
        }
        return m;
    }

    /**
     * Shows a pattern to fixed weights, without teacher or learning.
     *
     * @return spikes of each output
     */
    static int[] test(double[][] w, char pattern, int overlap, long seed) {
        Map<Integer, int[]> in = new HashMap<>();
        poisson(in, pattern(pattern, overlap), 1, TEST_STEPS, RATE, seed);
        SpikeInput inputs = SpikeInput.of("inputs", new int[]{INPUTS}, in);
        LIF out = outputs("outputs");
        Dense syn = Dense.of("synapses", w, 8, EXP, SignMode.EXCITATORY);
        inputs.sOut().connect(syn.sIn());
        syn.aOut().connect(out.aIn());
        int[] count = new int[OUTPUTS];
        RunConfig cfg = RunConfig.defaults().listener(new RunListener() {
            @Override
            public void spikes(int step, org.spikemesh.process.Process process, int[] neurons, int n) {
                if (process == out) {
                    for (int k = 0; k < n; k++) {
                        count[neurons[k]]++;
                    }
                }
            }
        });
        try (Simulation sim = Simulation.reference(ProcessGraph.of(inputs, out, syn), cfg)) {
            sim.run(TEST_STEPS);
        }
        return count;
    }

    /** Results of the two phases: weights and test spikes (output 0, output 1) per pattern. */
    record Result(int overlap, double[][] afterA, double[][] afterB, int[] aAfterA, int[] aAfterB, int[] bAfterB) {
        /** @return share of the outputs' spikes that the right output fires for a pattern */
        static double selectivity(int[] spikes, int right) {
            int all = spikes[0] + spikes[1];
            return all == 0 ? 0 : spikes[right] / (double) all;
        }

        /** @return task A's selectivity after task B relative to after task A */
        double retention() {
            return selectivity(aAfterB, 0) / selectivity(aAfterA, 0);
        }
    }

    /**
     * @param overlap inputs that patterns A and B share (0..20)
     * @return both phases and their tests
     */
    static Result run(int overlap) {
        double[][] w = new double[OUTPUTS][INPUTS];
        for (double[] row : w) {
            Arrays.fill(row, W0);
        }
        double[][] afterA = learn(w, 'A', 0, overlap, 11);
        double[][] afterB = learn(afterA, 'B', 1, overlap, 21);
        return new Result(overlap, afterA, afterB, test(afterA, 'A', overlap, 31), test(afterB, 'A', overlap, 31),
                test(afterB, 'B', overlap, 41));
    }

    /** @param args unused */
    public static void main(String[] args) {
        System.out.println("test spikes of (output 0, output 1) in " + TEST_STEPS + " steps per pattern");
        for (int overlap : new int[]{0, 10}) {
            Result r = run(overlap);
            System.out.printf(Locale.ROOT, "patterns sharing %d of 20 inputs:%n", overlap);
            System.out.printf(Locale.ROOT, "  after task A: pattern A -> %s (selectivity %.2f)%n",
                    Arrays.toString(r.aAfterA()), Result.selectivity(r.aAfterA(), 0));
            System.out.printf(Locale.ROOT, "  after task B: pattern A -> %s (%.2f), pattern B -> %s (%.2f)%n",
                    Arrays.toString(r.aAfterB()), Result.selectivity(r.aAfterB(), 0), Arrays.toString(r.bAfterB()),
                    Result.selectivity(r.bAfterB(), 1));
            System.out.printf(Locale.ROOT, "  task A kept: %.0f %% of its selectivity%n", 100 * r.retention());
            int[] a = pattern('A', overlap);
            int[] b = pattern('B', overlap);
            System.out.printf(Locale.ROOT, "  mean weight onto output 0 after A / after B: A inputs %.1f / %.1f,"
                    + " B-only inputs %.1f / %.1f%n", mean(r.afterA()[0], a), mean(r.afterB()[0], a),
                    mean(r.afterA()[0], only(b, a)), mean(r.afterB()[0], only(b, a)));
        }
    }

    private static int[] only(int[] b, int[] a) {
        return Arrays.stream(b).filter(i -> Arrays.stream(a).noneMatch(j -> j == i)).toArray();
    }

    private static double mean(double[] row, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += row[i];
        }
        return s / idx.length;
    }
}
