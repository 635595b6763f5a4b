package org.spikemesh.simulator.learning;

import java.util.List;
import org.spikemesh.process.learning.Factor;
import org.spikemesh.process.learning.LearningRule;
import org.spikemesh.process.learning.Product;
import org.spikemesh.process.learning.ProductSeries;

/**
 * A learning rule flattened into primitive arrays for the fixed-point inner loop: per equation its target, per
 * product its dependency, mantissa, right shift ({@code max(0, Σwidths - 15)}), left shift (exponent + 7) and its
 * factors' slice; per factor its term, constant, sgn flag and clipping bounds. Codes: targets 0 dw, 1 dd, 2 dt;
 * dependencies 0 x0, 1 y0, 2 u; terms in {@link org.spikemesh.process.learning.Term} order.
 */
final class CompiledRule {
    final int[] target;
    /** first product of each equation; {@code seriesStart[e+1]} ends it. */
    final int[] seriesStart;
    final int[] dependency;
    final int[] mantissa;
    final int[] rightShift;
    final int[] leftShift;
    /** first factor of each product; {@code factorStart[p+1]} ends it. */
    final int[] factorStart;
    final int[] term;
    final int[] constant;
    final boolean[] sgn;
    final long[] lo;
    final long[] hi;

    CompiledRule(LearningRule rule) {
        List<ProductSeries> series = rule.series();
        int np = 0;
        int nf = 0;
        for (ProductSeries s : series) {
            for (Product p : s.products()) {
                np++;
                nf += p.factors().size();
            }
        }
        target = new int[series.size()];
        seriesStart = new int[series.size() + 1];
        dependency = new int[np];
        mantissa = new int[np];
        rightShift = new int[np];
        leftShift = new int[np];
        factorStart = new int[np + 1];
        term = new int[nf];
        constant = new int[nf];
        sgn = new boolean[nf];
        lo = new long[nf];
        hi = new long[nf];
        int p = 0;
        int f = 0;
        for (int e = 0; e < series.size(); e++) {
            ProductSeries s = series.get(e);
            target[e] = s.target().equals("dw") ? 0 : s.target().equals("dd") ? 1 : 2;
            seriesStart[e] = p;
            for (Product pr : s.products()) {
                dependency[p] = pr.dependency().ordinal();
                mantissa[p] = pr.mantissa();
                rightShift[p] = Math.max(0, pr.widthSum() - 15);
                leftShift[p] = pr.storedExponent();
                factorStart[p] = f;
                for (Factor fa : pr.factors()) {
                    term[f] = fa.term().ordinal();
                    constant[f] = fa.constant();
                    sgn[f] = fa.sgn();
                    lo[f] = -(1L << fa.term().width());
                    hi[f] = (1L << fa.term().width()) - 1;
                    f++;
                }
                p++;
            }
        }
        seriesStart[series.size()] = p;
        factorStart[np] = f;
    }
}
