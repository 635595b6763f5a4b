package org.spikemesh.process.learning;

import java.util.List;

/**
 * A parsed learning-rule equation: its target ({@code dw}, {@code dd} or {@code dt}), its text and its products.
 *
 * @param target dw, dd or dt
 * @param text the equation as written
 * @param products the products, in order
 * @param decimateExponent k of a {@code u<k>} dependency, or -1 when there is none
 */
public record ProductSeries(String target, String text, List<Product> products, int decimateExponent) {
    /**
     * @param term a trace
     * @return true when some product reads it
     */
    public boolean uses(Term term) {
        for (Product p : products) {
            for (Factor f : p.factors()) {
                if (f.term() == term) {
                    return true;
                }
            }
        }
        return false;
    }
}
