package org.spikemesh.process.learning;

import java.util.List;

/**
 * One product of a learning rule: {@code mantissa * 2^exponent * dependency * factors}. As in Lava, every literal of
 * the product is folded into the scaling constant, normalised so that {@code -8 <= mantissa < 8} and
 * {@code -7 <= exponent <= 8}.
 *
 * @param dependency gating dependency
 * @param mantissa scaling mantissa, -8..7
 * @param exponent scaling exponent, -7..8
 * @param factors factors in the order written
 */
public record Product(Dependency dependency, int mantissa, int exponent, List<Factor> factors) {
    /** @return the exponent as Lava stores it (exponent + 7, 0..15), the left shift of the fixed-point product */
    public int storedExponent() {
        return exponent + 7;
    }

    /** @return the scaling constant as a double */
    public double scale() {
        return mantissa * Math.pow(2, exponent);
    }

    /** @return sum of the factor widths plus the 4-bit mantissa, which sets the fixed-point right shift */
    public int widthSum() {
        int s = 4;
        for (Factor f : factors) {
            s += f.term().width();
        }
        return s;
    }
}
