package org.spikemesh.process.learning;

/**
 * One factor of a product: a term plus an optional constant, optionally inside {@code sgn(..)} (only for w, d, t).
 * A constant factor ({@link Term#C}) has the value {@code constant}.
 *
 * @param term what it reads
 * @param constant added to the term's value (0 when none)
 * @param sgn true for {@code sgn(term + constant)}
 */
public record Factor(Term term, int constant, boolean sgn) {
    @Override
    public String toString() {
        if (term == Term.C) {
            return Integer.toString(constant);
        }
        String s = constant == 0 ? term.symbol() : "(" + term.symbol() + (constant > 0 ? "+" : "") + constant + ")";
        return sgn ? "sgn" + (constant == 0 ? "(" + s + ")" : s) : s;
    }
}
