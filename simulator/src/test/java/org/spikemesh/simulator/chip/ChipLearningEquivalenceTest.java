package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.Var;
import org.spikemesh.process.fixed.SignMode;
import org.spikemesh.process.learning.LearningRules;
import org.spikemesh.process.lib.Dense;
import org.spikemesh.process.lib.LIF;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.process.lib.LearningSparse;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.PoissonSource;
import org.spikemesh.simulator.RunConfig;
import org.spikemesh.simulator.RunListener;
import org.spikemesh.simulator.Simulation;

/**
 * Learning on the chip engine equals learning in the reference backend bit for bit, for 1, 2 and 4 threads: spikes,
 * LIF state, and every weight, tag and trace of the plastic synapses at every step. The rules use stochastic rounding
 * everywhere (fractional impulses, decaying traces, fractional updates), every dependency (x0, y0, u), dd and dt,
 * sgn(), every sign mode and weight exponents -1, 0 and 1, with LearningDense and LearningSparse; cores of 3 neurons
 * split the post population over cores and shards.
 */
class ChipLearningEquivalenceTest {
    private static final String[] RULES = {
        "dw: 2^-2*x1*y0 - 2^-2*y1*x0",
        "STDPLoihi",
        "TripletSTDP",
        "dw: u1*t*2^-3 + x0*y1*(w-8)*2^-6; dt: 2^-1*y0*x1 - x0*y2; dd: y0*x2*2^-2",
        "dw: 2^-4*y0*x1*sgn(w+1) - 3*2^-5*x0*y1",
    };

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (int r = 0; r < RULES.length; r++) {
            for (int threads : new int[]{1, 2, 4}) {
                a.add(Arguments.of(r, threads, false));
                a.add(Arguments.of(r, threads, true));
            }
        }
        return a.stream();
    }

    private static Map<String, Object> rule(int r, SplittableRandom rnd) {
        Map<String, Object> p = new LinkedHashMap<>();
        String spec = RULES[r];
        if (spec.equals("STDPLoihi")) {
            p.put("type", "STDPLoihi");
            p.put("learning_rate", 1.0);
            p.put("A_plus", 2.0);
            p.put("A_minus", -1.5);
            p.put("tau_plus", 10.0);
            p.put("tau_minus", 12.5);
            p.put("x1_impulse", 16.3);
            p.put("y1_impulse", 14.7);
            p.put("t_epoch", 2);
        } else if (spec.equals("TripletSTDP")) {
            p.put("type", "TripletSTDP");
            p.put("A2_plus", 0.5);
            p.put("A3_plus", 0.125);
            p.put("A2_minus", -0.75);
            p.put("A3_minus", -0.0625);
            p.put("tau_plus", 8.0);
            p.put("tau_minus", 16.0);
            p.put("tau_x", 50.0);
            p.put("tau_y", 40.0);
            p.put("t_epoch", 3);
        } else {
            for (String eq : spec.split("; ")) {
                p.put(eq.substring(0, 2), eq.substring(4));
            }
            p.put("x1_impulse", 20.5);
            p.put("x1_tau", 6.3);
            p.put("x2_impulse", 10.5);
            p.put("x2_tau", 30.0);
            p.put("y1_impulse", 18.25);
            p.put("y1_tau", 4.0);
            p.put("y2_impulse", 9.75);
            p.put("y2_tau", 21.0);
            p.put("t_epoch", 1 + rnd.nextInt(3));
        }
        p.put("rng_seed", 100 + r);
        return p;
    }

    /**
     * A Poisson population drives a LIF population through a LearningDense (or a LearningSparse keeping 60 % of the
     * entries); a teacher Poisson makes the LIFs spike.
     */
    private static ProcessGraph network(int r, boolean sparse) {
        return network(r, sparse, 31 + r, 5L + r, 9L + r);
    }

    /** As above, from the seeds of the network, of the Poisson inputs and of the teacher. */
    private static ProcessGraph network(int r, boolean sparse, long seed, long preSeed, long teacherSeed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int pres = 7 + rnd.nextInt(5);
        int posts = 8 + rnd.nextInt(4);
        SignMode mode = SignMode.values()[r % 3];
        int exp = r % 3 - 1;
        double[][] w = new double[posts][pres];
        for (double[] row : w) {
            for (int i = 0; i < pres; i++) {
                int m = rnd.nextInt(120);
                row[i] = mode == SignMode.INHIBITORY ? -(m / 4) : mode == SignMode.MIXED ? m - 60 : m;
            }
        }
        double[] rate = new double[pres];
        Arrays.fill(rate, 0.25);
        PoissonSource pre = PoissonSource.of("pre", new int[]{pres}, rate, preSeed);
        double[] teach = new double[posts];
        Arrays.fill(teach, 0.15);
        PoissonSource teacher = PoissonSource.of("teacher", new int[]{posts}, teach, teacherSeed);
        double[][] drive = new double[posts][posts];
        for (int q = 0; q < posts; q++) {
            drive[q][q] = 250;
        }
        Dense d = Dense.of("drive", drive);
        LIF post = LIF.builder("post").shape(posts).du(1200).dv(800).vth(30).build();
        LearningRule rule = LearningRules.fromParameters(rule(r, rnd));
        LearningSynapses plastic = sparse ? sparse(w, exp, mode, rule, rnd)
                : LearningDense.of("plastic", w, 8, exp, mode, rule);
        pre.sOut().connect(plastic.sIn());
        plastic.aOut().connect(post.aIn());
        teacher.sOut().connect(d.sIn());
        d.aOut().connect(post.aIn());
        post.sOut().connect(plastic.sInBap());
        return ProcessGraph.of(pre, teacher, d, post, plastic);
    }

    private static LearningSparse sparse(double[][] w, int exp, SignMode mode, LearningRule rule, SplittableRandom rnd) {
        List<int[]> pairs = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int q = 0; q < w.length; q++) {
            for (int i = 0; i < w[q].length; i++) {
                if (rnd.nextDouble() < 0.6) {
                    pairs.add(new int[]{q, i});
                    ws.add(w[q][i]);
                }
            }
        }
        int[] post = pairs.stream().mapToInt(x -> x[0]).toArray();
        int[] pre = pairs.stream().mapToInt(x -> x[1]).toArray();
        return LearningSparse.of("plastic", w.length, w[0].length, post, pre,
                ws.stream().mapToDouble(Double::doubleValue).toArray(), 8, exp, mode, rule);
    }

    @ParameterizedTest(name = "rule {0} on {1} threads, sparse {2}")
    @MethodSource("cases")
    void learningOnTheChipEqualsTheReference(int r, int threads, boolean sparse) {
        String reference = trace(network(r, sparse), false, threads, 60);
        String chip = trace(network(r, sparse), true, threads, 60);
        assertTrue(reference.contains("spk post"), "the post neurons must spike for learning to be tested");
        String first = line(reference, "1 weights ");
        String last = line(reference, "60 weights ");
        assertTrue(!first.substring(2).equals(last.substring(3)), "the weights must change: " + first);
        assertEquals(reference, chip);
        // the same program with its cores numbered backwards: plastic blocks, their inputs' cores and every table
        // renumbered, the same learning
        assertEquals(reference, trace(network(r, sparse), true, threads, 60, true, true));
    }

    /**
     * Without a listener the chip engine visits only the cores the kernel flagged after each step (with one, every
     * core): the weights, tags and traces read after every step must still equal the reference's.
     */
    @ParameterizedTest(name = "rule {0} on {1} threads, sparse {2}")
    @MethodSource("cases")
    void learningWithoutListenersEqualsTheReference(int r, int threads, boolean sparse) {
        String reference = trace(network(r, sparse), false, threads, 60, false);
        String chip = trace(network(r, sparse), true, threads, 60, false);
        assertTrue(!line(reference, "1 weights ").substring(2).equals(line(reference, "60 weights ").substring(3)),
                "the weights must change");
        assertEquals(reference, chip);
    }

    static java.util.stream.LongStream learningNetworks() {
        return java.util.stream.LongStream.rangeClosed(1, Long.getLong("spikemesh.fuzz.learning-networks", 60));
    }

    /**
     * Random variations of the networks above (sizes, weights, each rule's epoch, Poisson seeds), each with a random
     * rule, dense or sparse, on cores of 1 to 3 neurons and 2 or 4 threads, for 30 to 79 steps: spikes, LIF state,
     * weights and traces equal the reference's at every step. 60 networks by default;
     * {@code spikemesh.fuzz.learning-networks} sets how many.
     */
    @ParameterizedTest(name = "learning network {0}")
    @MethodSource("learningNetworks")
    void randomLearningNetworksOnTheChipEqualTheReference(long n) {
        SplittableRandom r = new SplittableRandom(977 * n);
        int rule = r.nextInt(RULES.length);
        boolean sparse = r.nextBoolean();
        int threads = r.nextBoolean() ? 2 : 4;
        int steps = 30 + r.nextInt(50);
        int neurons = 1 + r.nextInt(3);
        long seed = 1000 + n;
        String reference = trace(network(rule, sparse, seed, 3 * seed, 7 * seed), false, threads, steps, true, false,
                neurons);
        String chip = trace(network(rule, sparse, seed, 3 * seed, 7 * seed), true, threads, steps, true, false, neurons);
        assertEquals(reference, chip, "network " + n + ": rule " + rule + ", sparse " + sparse + ", " + threads
                + " threads, cores of " + neurons);
    }

    private static String line(String trace, String prefix) {
        for (String l : trace.split("\n")) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError("no line " + prefix);
    }

    /** Every spike, and after every step the plastic weights, tags and traces and the LIF state. */
    private static String trace(ProcessGraph g, boolean onChip, int threads, int steps) {
        return trace(g, onChip, threads, steps, true);
    }

    /** As above; without a listener (listen false) only the learning Vars read after every step. */
    private static String trace(ProcessGraph g, boolean onChip, int threads, int steps, boolean listen) {
        return trace(g, onChip, threads, steps, listen, false);
    }

    /** As above; backwards, the chip's program has its cores numbered last to first. */
    private static String trace(ProcessGraph g, boolean onChip, int threads, int steps, boolean listen,
                                boolean backwards) {
        return trace(g, onChip, threads, steps, listen, backwards, 3);
    }

    /** As above, on loihi-like cores of the given neurons. */
    private static String trace(ProcessGraph g, boolean onChip, int threads, int steps, boolean listen,
                                boolean backwards, int coreNeurons) {
        StringBuilder sb = new StringBuilder();
        RunConfig cfg = RunConfig.defaults().seed(11);
        if (listen) {
            cfg.listener(EngineTraces.recorder(sb));
        }
        LearningSynapses plastic = null;
        for (Process p : g.processes()) {
            if (p instanceof LIF) {
                if (listen) {
                    cfg.probe(((LIF) p).u(), ((LIF) p).v());
                }
            } else if (p instanceof LearningSynapses) {
                plastic = (LearningSynapses) p;
                if (listen) {
                    cfg.probe(plastic.weights(), plastic.trace(2));
                }
            }
        }
        ChipConfig chip = ChipEngineEquivalenceTest.tinyCores(ChipConfigs.preset("loihi-like"), coreNeurons);
        org.spikemesh.compiler.Compilation compiled = onChip ? Compiler.compile(g, chip, CompileOptions.defaults()) : null;
        ChipProgram program = onChip ? compiled.program() : null;
        if (backwards) {
            int n = program.cores().size();
            int[] newIndex = new int[n];
            for (int k = 0; k < n; k++) {
                newIndex[k] = n - 1 - k;
            }
            program = org.spikemesh.compiler.program.CoreOrder.renumbered(program, newIndex);
            assertEquals(n - 1 - compiled.program().plastic().get(0).core(), program.plastic().get(0).core());
        }
        if (onChip) {
            // every plastic synapse is held by exactly one core: the blocks' synapses add up to the process's
            assertEquals((long) plastic.table().size(), compiled.report().summary().get("plastic_synapses"));
            assertTrue(program.plastic().size() >= 3, "the post population spreads over several cores");
        }
        try (Simulation sim = onChip ? new Simulation(new ChipEngine(g, program, cfg, threads))
                : Simulation.reference(g, cfg)) {
            for (int t = 1; t <= steps; t++) {
                sim.run(1);
                List<Var> vars = new ArrayList<>(List.of(plastic.weights(), plastic.tag1(), plastic.tag2()));
                for (int k = 0; k < 5; k++) {
                    vars.add(plastic.trace(k));
                }
                for (Var v : vars) {
                    sb.append(t).append(' ').append(v.name()).append(' ').append(Arrays.toString(sim.get(v)))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }
}
