package org.spikemesh.process.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Loihi learning rule as Lava's {@code LoihiLearningRule} holds it: the equations for the weight ({@code dw}), delay
 * tag ({@code dd}) and tag ({@code dt}); per trace (x1, x2, y1, y2, y3) its impulse on a spike and its decay time
 * constant in steps (0: the trace holds only the impulse of the current step); the learning epoch in steps; and the
 * seed of the stochastic rounding. Traces named as third factors are not driven by spikes: they hold what is written
 * into them (a reward or error signal, through a RefPort/VarWriter or the API).
 *
 * <p>{@link #parameters()} keeps the rule as the network file wrote it, so that a network written back reads the
 * same rule.
 */
public final class LearningRule {
    /** trace order of {@link #impulse} and {@link #tau}: x1, x2, y1, y2, y3. */
    public static final List<Term> TRACES = List.of(Term.X1, Term.X2, Term.Y1, Term.Y2, Term.Y3);

    private final ProductSeries dw;
    private final ProductSeries dd;
    private final ProductSeries dt;
    private final double[] impulse;
    private final double[] tau;
    private final int epoch;
    private final Long seed;
    private final boolean[] thirdFactor;
    private final Map<String, Object> parameters;

    LearningRule(String dw, String dd, String dt, double[] impulse, double[] tau, int epoch, Long seed,
                 boolean[] thirdFactor, Map<String, Object> parameters) {
        if (dw == null && dd == null && dt == null) {
            throw new IllegalArgumentException("a learning rule needs at least one of dw, dd, dt");
        }
        this.dw = dw == null ? null : RuleParser.parse("dw", dw);
        this.dd = dd == null ? null : RuleParser.parse("dd", dd);
        this.dt = dt == null ? null : RuleParser.parse("dt", dt);
        int k = -1;
        for (ProductSeries s : series()) {
            if (s.decimateExponent() >= 0) {
                if (k >= 0 && k != s.decimateExponent()) {
                    throw new IllegalArgumentException("dw, dd and dt use u" + k + " and u" + s.decimateExponent()
                            + "; all equations of one rule use the same u<k>");
                }
                k = s.decimateExponent();
            }
        }
        for (int i = 0; i < 5; i++) {
            if (!(impulse[i] >= 0) || Double.isInfinite(impulse[i])) {
                throw new IllegalArgumentException(TRACES.get(i).symbol() + "_impulse is " + impulse[i]
                        + "; an impulse is a number >= 0");
            }
            if (!(tau[i] >= 0)) {
                throw new IllegalArgumentException(TRACES.get(i).symbol() + "_tau is " + tau[i]
                        + "; a decay time constant is a number >= 0 (0: no memory)");
            }
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("t_epoch is " + epoch + "; a learning epoch is at least 1 step");
        }
        this.impulse = impulse.clone();
        this.tau = tau.clone();
        this.epoch = epoch;
        this.seed = seed;
        this.thirdFactor = thirdFactor.clone();
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @return the weight equation or null */
    public ProductSeries dw() {
        return dw;
    }

    /** @return the delay-tag equation or null */
    public ProductSeries dd() {
        return dd;
    }

    /** @return the tag equation or null */
    public ProductSeries dt() {
        return dt;
    }

    /** @return the equations given, in the order dw, dd, dt */
    public List<ProductSeries> series() {
        List<ProductSeries> l = new ArrayList<>(3);
        for (ProductSeries s : new ProductSeries[]{dw, dd, dt}) {
            if (s != null) {
                l.add(s);
            }
        }
        return l;
    }

    /**
     * @param trace index in {@link #TRACES}
     * @return impulse added on a spike
     */
    public double impulse(int trace) {
        return impulse[trace];
    }

    /**
     * @param trace index in {@link #TRACES}
     * @return decay time constant in steps (0: none)
     */
    public double tau(int trace) {
        return tau[trace];
    }

    /**
     * @param postTrace 0 for y1, 1 for y2, 2 for y3
     * @return true when that post trace is a third factor, written from outside and not driven by spikes
     */
    public boolean thirdFactor(int postTrace) {
        return thirdFactor[postTrace];
    }

    /** @return learning epoch in steps */
    public int epoch() {
        return epoch;
    }

    /** @return the seed of the stochastic rounding, or null to use the run's seed */
    public Long seed() {
        return seed;
    }

    /** @return k of the u&lt;k&gt; dependency, or -1 */
    public int decimateExponent() {
        for (ProductSeries s : series()) {
            if (s.decimateExponent() >= 0) {
                return s.decimateExponent();
            }
        }
        return -1;
    }

    /** @return the rule's parameters as written in a network file */
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (ProductSeries s : series()) {
            sb.append(sb.length() > 0 ? "; " : "").append(s.target()).append(" = ").append(s.text());
        }
        return sb.toString();
    }
}
