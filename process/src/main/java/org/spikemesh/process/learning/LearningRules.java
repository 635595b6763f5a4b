package org.spikemesh.process.learning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link LearningRule}s: Lava's general form from its parameters, and the library rules as equations in that
 * form.
 * <ul>
 *   <li>{@code STDPLoihi} (Lava's pair STDP): {@code dw = lr*A_minus*x0*y1 + lr*A_plus*y0*x1}, x1 with tau_plus and
 *       y1 with tau_minus. A_minus is used with its sign: give a negative A_minus for depression (Loihi's
 *       convention; Lava once swapped the two).</li>
 *   <li>{@code TripletSTDP} (Pfister and Gerstner 2006, all-to-all): pair terms as above plus
 *       {@code A3_minus*x0*y1*x2} and {@code A3_plus*y0*x1*y2}, with the slow traces x2 (tau_x) and y2 (tau_y).</li>
 *   <li>{@code RSTDPLoihi} (reward-modulated STDP as in Lava): the tag t is an eligibility trace,
 *       {@code dt = lr*A_minus*x0*y1 + lr*A_plus*y0*x1 - u0*t*eligibility_trace_decay_tau}, and
 *       {@code dw = u0*t*y2}; y2 is the third factor (the reward), written from outside.</li>
 * </ul>
 */
public final class LearningRules {
    private static final Set<String> GENERAL = Set.of("dw", "dd", "dt", "x1_impulse", "x1_tau", "x2_impulse", "x2_tau",
            "y1_impulse", "y1_tau", "y2_impulse", "y2_tau", "y3_impulse", "y3_tau", "t_epoch", "rng_seed",
            "third_factors");
    private static final Set<String> STDP = Set.of("type", "learning_rate", "A_plus", "A_minus", "tau_plus",
            "tau_minus", "x1_impulse", "y1_impulse", "t_epoch", "rng_seed");
    private static final Set<String> TRIPLET = Set.of("type", "learning_rate", "A2_plus", "A3_plus", "A2_minus",
            "A3_minus", "tau_plus", "tau_minus", "tau_x", "tau_y", "x1_impulse", "x2_impulse", "y1_impulse",
            "y2_impulse", "t_epoch", "rng_seed");
    private static final Set<String> RSTDP = Set.of("type", "learning_rate", "A_plus", "A_minus",
            "pre_trace_decay_tau", "post_trace_decay_tau", "pre_trace_kernel_magnitude",
            "post_trace_kernel_magnitude", "eligibility_trace_decay_tau", "t_epoch", "rng_seed");
    /** library rule types. */
    public static final List<String> TYPES = List.of("STDPLoihi", "TripletSTDP", "RSTDPLoihi");

    private LearningRules() {
    }

    /**
     * @param p a rule as a network file writes it: Lava's general form, or {@code type} and a library rule's
     *          parameters
     * @return the rule
     * @throws IllegalArgumentException naming the parameter and what is valid
     */
    public static LearningRule fromParameters(Map<String, Object> p) {
        Object type = p.get("type");
        if (type == null) {
            return general(p);
        }
        switch (type.toString()) {
            case "STDPLoihi":
                return stdp(p);
            case "TripletSTDP":
                return triplet(p);
            case "RSTDPLoihi":
                return rstdp(p);
            default:
                throw new IllegalArgumentException("type '" + type + "' is not a library rule; valid are " + TYPES
                        + ", or give dw/dd/dt equations without a type");
        }
    }

    private static void onlyKnown(Map<String, Object> p, Set<String> known, String what) {
        for (String k : p.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' for " + what + "; valid are "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    private static double num(Map<String, Object> p, String key, double dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + v + "'; give a number", e);
        }
    }

    private static double required(Map<String, Object> p, String key, String what) {
        if (!p.containsKey(key)) {
            throw new IllegalArgumentException(what + " needs " + key);
        }
        return num(p, key, 0);
    }

    private static int epoch(Map<String, Object> p) {
        double e = num(p, "t_epoch", 1);
        if (e != Math.rint(e)) {
            throw new IllegalArgumentException("t_epoch is " + e + "; give a whole number of steps >= 1");
        }
        return (int) e;
    }

    private static Long seed(Map<String, Object> p) {
        if (p.get("rng_seed") == null) {
            return null;
        }
        double s = num(p, "rng_seed", 0);
        if (s != Math.rint(s)) {
            throw new IllegalArgumentException("rng_seed is " + s + "; give an integer");
        }
        return (long) s;
    }

    private static LearningRule general(Map<String, Object> p) {
        onlyKnown(p, GENERAL, "a learning rule (or give type: one of " + TYPES + ")");
        double[] impulse = new double[5];
        double[] tau = new double[5];
        for (int i = 0; i < 5; i++) {
            String t = LearningRule.TRACES.get(i).symbol();
            impulse[i] = num(p, t + "_impulse", 0);
            tau[i] = num(p, t + "_tau", 0);
        }
        boolean[] third = new boolean[3];
        Object tf = p.get("third_factors");
        if (tf != null) {
            for (Object o : tf instanceof List ? (List<?>) tf : List.of(tf)) {
                int k = List.of("y1", "y2", "y3").indexOf(o.toString());
                if (k < 0) {
                    throw new IllegalArgumentException("third_factors names '" + o + "'; valid are y1, y2, y3");
                }
                third[k] = true;
            }
        }
        return new LearningRule(str(p, "dw"), str(p, "dd"), str(p, "dt"), impulse, tau, epoch(p), seed(p), third, p);
    }

    private static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    private static LearningRule stdp(Map<String, Object> p) {
        onlyKnown(p, STDP, "STDPLoihi");
        String lr = FloatLiteral.of(required(p, "learning_rate", "STDPLoihi"));
        String plus = FloatLiteral.of(required(p, "A_plus", "STDPLoihi"));
        String minus = FloatLiteral.of(required(p, "A_minus", "STDPLoihi"));
        String dw = lr + " * " + minus + " * x0 * y1 + " + lr + " * " + plus + " * y0 * x1";
        double[] impulse = {num(p, "x1_impulse", 16), 0, num(p, "y1_impulse", 16), 0, 0};
        double[] tau = {required(p, "tau_plus", "STDPLoihi"), 0, required(p, "tau_minus", "STDPLoihi"), 0, 0};
        return new LearningRule(dw, null, null, impulse, tau, epoch(p), seed(p), new boolean[3], p);
    }

    private static LearningRule triplet(Map<String, Object> p) {
        onlyKnown(p, TRIPLET, "TripletSTDP");
        double lr = num(p, "learning_rate", 1);
        String a2p = FloatLiteral.of(lr * required(p, "A2_plus", "TripletSTDP"));
        String a3p = FloatLiteral.of(lr * required(p, "A3_plus", "TripletSTDP"));
        String a2m = FloatLiteral.of(lr * required(p, "A2_minus", "TripletSTDP"));
        String a3m = FloatLiteral.of(lr * required(p, "A3_minus", "TripletSTDP"));
        String dw = a2p + " * y0 * x1 + " + a3p + " * y0 * x1 * y2 + " + a2m + " * x0 * y1 + " + a3m + " * x0 * y1 * x2";
        double[] impulse = {num(p, "x1_impulse", 16), num(p, "x2_impulse", 16), num(p, "y1_impulse", 16),
            num(p, "y2_impulse", 16), 0};
        double[] tau = {required(p, "tau_plus", "TripletSTDP"), required(p, "tau_x", "TripletSTDP"),
            required(p, "tau_minus", "TripletSTDP"), required(p, "tau_y", "TripletSTDP"), 0};
        return new LearningRule(dw, null, null, impulse, tau, epoch(p), seed(p), new boolean[3], p);
    }

    private static LearningRule rstdp(Map<String, Object> p) {
        onlyKnown(p, RSTDP, "RSTDPLoihi");
        String lr = FloatLiteral.of(required(p, "learning_rate", "RSTDPLoihi"));
        String plus = FloatLiteral.of(required(p, "A_plus", "RSTDPLoihi"));
        String minus = FloatLiteral.of(required(p, "A_minus", "RSTDPLoihi"));
        String decay = FloatLiteral.of(required(p, "eligibility_trace_decay_tau", "RSTDPLoihi"));
        String dt = lr + " * " + minus + " * x0 * y1 + " + lr + " * " + plus + " * y0 * x1 - u0 * t * " + decay;
        String dw = "u0 * t * y2";
        double[] impulse = {required(p, "pre_trace_kernel_magnitude", "RSTDPLoihi"), 0,
            required(p, "post_trace_kernel_magnitude", "RSTDPLoihi"), 0, 0};
        double[] tau = {required(p, "pre_trace_decay_tau", "RSTDPLoihi"), 0,
            required(p, "post_trace_decay_tau", "RSTDPLoihi"), 0, 0};
        return new LearningRule(dw, null, dt, impulse, tau, epoch(p), seed(p), new boolean[]{false, true, false}, p);
    }

    /**
     * Pair STDP as Lava's {@code STDPLoihi}.
     *
     * @param learningRate overall scale
     * @param aPlus potentiation (pre before post)
     * @param aMinus depression, negative for depression
     * @param tauPlus decay of x1 in steps
     * @param tauMinus decay of y1 in steps
     * @param impulse x1 and y1 impulse
     * @param epoch learning epoch
     * @param seed stochastic rounding seed or null
     * @return the rule
     */
    public static LearningRule stdp(double learningRate, double aPlus, double aMinus, double tauPlus, double tauMinus,
                                    double impulse, int epoch, Long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "STDPLoihi");
        p.put("learning_rate", learningRate);
        p.put("A_plus", aPlus);
        p.put("A_minus", aMinus);
        p.put("tau_plus", tauPlus);
        p.put("tau_minus", tauMinus);
        p.put("x1_impulse", impulse);
        p.put("y1_impulse", impulse);
        p.put("t_epoch", epoch);
        if (seed != null) {
            p.put("rng_seed", seed);
        }
        return fromParameters(p);
    }
}
