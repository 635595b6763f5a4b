package org.spikemesh.process.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a learning-rule equation in Lava's sum-of-products syntax, e.g. {@code 2^-2*x1*y0 - 2^-2*y1*x0}.
 *
 * <pre>
 * rule    := ['+'|'-'] product (('+'|'-') product)*
 * product := factor ('*' factor)*
 * factor  := literal | 'x0' | 'y0' | 'u' digit | 'x1' | 'x2' | 'y1' | 'y2' | 'y3' | 'w' | 'd' | 't'
 *          | '(' ['+'|'-'] operand [('+'|'-') operand] ')' | 'sgn(' ('w'|'d'|'t') [('+'|'-') literal] ')'
 * literal := digits '*2^' ['+'|'-'] digits | '2^' ['+'|'-'] digits | digits
 * </pre>
 *
 * Spaces are ignored. As in Lava, the first of x0, y0, u&lt;k&gt; in a product is its dependency (a later x0 or y0
 * is an ordinary 1-bit factor), every literal is folded into the product's scaling constant, and a bracket holds one
 * variable plus one constant, e.g. {@code (x1 + 3)}. An error names the column where the rule stops making sense.
 */
public final class RuleParser {
    private final String target;
    private final String text;
    private int pos;
    private int decimate = -1;

    private RuleParser(String target, String text) {
        this.target = target;
        this.text = text;
    }

    /**
     * @param target dw, dd or dt
     * @param text the equation's right-hand side
     * @return the parsed equation
     * @throws RuleSyntaxException with the column of the first error
     */
    public static ProductSeries parse(String target, String text) {
        if (!target.equals("dw") && !target.equals("dd") && !target.equals("dt")) {
            throw new RuleSyntaxException(target, text, 0, "unknown target; valid are dw, dd, dt");
        }
        RuleParser p = new RuleParser(target, text);
        List<Product> products = p.rule();
        return new ProductSeries(target, text, List.copyOf(products), p.decimate);
    }

    private RuleSyntaxException error(int at, String problem) {
        return new RuleSyntaxException(target, text, at, problem);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private String found() {
        skipSpaces();
        return pos >= text.length() ? "the end of the rule" : "'" + text.charAt(pos) + "'";
    }

    private List<Product> rule() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error(pos, "the rule is empty; write a sum of products such as 2^-2*x1*y0 - 2^-2*y1*x0");
        }
        List<Product> products = new ArrayList<>();
        int sign = eat('-') ? -1 : 1;
        if (sign == 1) {
            eat('+');
        }
        products.add(product(sign));
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                return products;
            }
            if (eat('+')) {
                products.add(product(1));
            } else if (eat('-')) {
                products.add(product(-1));
            } else {
                throw error(pos, "expected '+', '-' or '*' but found " + found());
            }
        }
    }

    /** Accumulates one product's scaling constant, dependency and factors. */
    private final class ProductBuilder {
        final int start;
        long mantissa;
        int exponent;
        Dependency dependency;
        final List<Factor> factors = new ArrayList<>();

        ProductBuilder(int start, int sign) {
            this.start = start;
            this.mantissa = sign;
        }

        void literal(long m, int e, int at) {
            mantissa *= m;
            exponent += e;
            if (Math.abs(mantissa) > 1L << 40 || Math.abs(exponent) > 1000) {
                throw error(at, "the product's constant is far too large");
            }
        }

        void variable(Term term, int constant, boolean sgn) {
            if ((term == Term.X0 || term == Term.Y0) && dependency == null && constant == 0 && !sgn) {
                dependency = term == Term.X0 ? Dependency.X0 : Dependency.Y0;
            } else {
                factors.add(new Factor(term, constant, sgn));
            }
        }

        Product build(int end) {
            while (Math.abs(mantissa) > 7 && mantissa % 2 == 0 && exponent < 8) {
                mantissa /= 2;
                exponent++;
            }
            String written = text.substring(start, end).trim();
            if (dependency == null) {
                throw error(start, "the product '" + written + "' has no dependency; every product needs x0, y0 or"
                        + " u<k> (k a digit)");
            }
            if (mantissa < -8 || mantissa >= 8) {
                throw error(start, "the constant of '" + written + "' is " + mantissa + " * 2^" + exponent
                        + " after normalisation; Loihi needs a mantissa in -8..7 (an odd factor above 7 cannot be"
                        + " represented)");
            }
            if (exponent < -7 || exponent >= 9) {
                throw error(start, "the constant of '" + written + "' has exponent " + exponent
                        + "; Loihi needs -7..8");
            }
            return new Product(dependency, (int) mantissa, exponent, List.copyOf(factors));
        }
    }

    private Product product(int sign) {
        skipSpaces();
        ProductBuilder b = new ProductBuilder(pos, sign);
        factor(b);
        while (eat('*')) {
            factor(b);
        }
        return b.build(pos);
    }

    private void factor(ProductBuilder b) {
        skipSpaces();
        int at = pos;
        if (pos >= text.length()) {
            throw error(pos, "expected a factor but found the end of the rule");
        }
        if (text.startsWith("sgn", pos)) {
            pos += 3;
            sgn(b, at);
            return;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            bracket(b, at);
        } else if (Character.isDigit(c)) {
            long[] lit = literal();
            b.literal(lit[0], (int) lit[1], at);
        } else if (c == 'u') {
            dependencyU(b, at);
        } else {
            Term t = variable();
            if (t == null) {
                throw error(at, "expected a factor (x0, y0, u<k>, x1, x2, y1, y2, y3, w, d, t, a number such as 3 or"
                        + " 2^-2, or a bracket) but found " + found());
            }
            b.variable(t, 0, false);
        }
    }

    private void dependencyU(ProductBuilder b, int at) {
        pos++;
        if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
            throw error(pos, "u needs its decimation exponent, a digit: u0 .. u9");
        }
        int k = text.charAt(pos++) - '0';
        if (decimate >= 0 && decimate != k) {
            throw error(at, "u" + k + " but the rule already uses u" + decimate + "; one rule uses one u<k>");
        }
        decimate = k;
        if (b.dependency == null) {
            b.dependency = Dependency.U;
        }
    }

    private Term variable() {
        if (pos + 1 < text.length()) {
            String two = text.substring(pos, pos + 2);
            for (Term t : new Term[]{Term.X0, Term.Y0, Term.X1, Term.X2, Term.Y1, Term.Y2, Term.Y3}) {
                if (t.symbol().equals(two)) {
                    pos += 2;
                    return t;
                }
            }
        }
        char c = text.charAt(pos);
        Term t = c == 'w' ? Term.W : c == 'd' ? Term.D : c == 't' ? Term.T : null;
        if (t != null) {
            pos++;
        }
        return t;
    }

    /** @return {mantissa, exponent} of a literal at pos */
    private long[] literal() {
        long m = digits();
        int caret = skipFrom(pos);
        if (text.startsWith("^", caret)) {
            if (m != 2) {
                throw error(caret, "only powers of two are written with '^' (2^k), not " + m + "^");
            }
            pos = caret + 1;
            return new long[]{1, signedDigits()};
        }
        int save = pos;
        if (eat('*')) {
            skipSpaces();
            if (text.startsWith("2", pos) && text.startsWith("^", skipFrom(pos + 1))) {
                pos = skipFrom(pos + 1) + 1;
                return new long[]{m, signedDigits()};
            }
        }
        pos = save;
        return new long[]{m, 0};
    }

    private int skipFrom(int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private long digits() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a number but found " + found());
        }
        if (pos - start > 9) {
            throw error(start, "the number " + text.substring(start, pos) + " is too large");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private int signedDigits() {
        int sign = eat('-') ? -1 : 1;
        if (sign == 1) {
            eat('+');
        }
        return (int) (sign * digits());
    }

    /** {@code (operand [+- operand])}: one variable and/or one constant. */
    private void bracket(ProductBuilder b, int at) {
        int s1 = eat('-') ? -1 : 1;
        if (s1 == 1) {
            eat('+');
        }
        Object first = operand();
        Object second = null;
        int s2 = 0;
        if (eat('+')) {
            s2 = 1;
        } else if (eat('-')) {
            s2 = -1;
        }
        if (s2 != 0) {
            second = operand();
        }
        if (!eat(')')) {
            throw error(pos, "expected ')' to close the bracket opened at column " + (at + 1) + " but found " + found());
        }
        if (second == null) {
            if (first instanceof long[]) {
                long[] lit = (long[]) first;
                b.literal(s1 * lit[0], (int) lit[1], at);
            } else {
                if (s1 < 0) {
                    b.literal(-1, 0, at);
                }
                b.variable((Term) first, 0, false);
            }
            return;
        }
        if (first instanceof long[] == second instanceof long[]) {
            throw error(at, "a bracket holds one variable and one constant, e.g. (x1 + 3) or (w - 16)");
        }
        Term var = (Term) (first instanceof Term ? first : second);
        long[] lit = (long[]) (first instanceof long[] ? first : second);
        int varSign = first instanceof Term ? s1 : s2;
        int litSign = first instanceof Term ? s2 : s1;
        long constant = litSign * lit[0] * (lit[1] >= 0 ? 1L << Math.min(lit[1], 30) : 0);
        if (lit[1] < 0) {
            throw error(at, "the constant in a bracket must be an integer, not a negative power of two");
        }
        if (varSign < 0) {
            b.literal(-1, 0, at);
            constant = -constant;
        }
        b.factors.add(new Factor(var, clampConstant(constant, at), false));
    }

    private Object operand() {
        skipSpaces();
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            return literal();
        }
        int at = pos;
        Term t = pos < text.length() ? variable() : null;
        if (t == null) {
            throw error(at, "expected a variable or a number inside the bracket but found " + found());
        }
        return t;
    }

    /** {@code sgn(w|d|t [+- integer])}. */
    private void sgn(ProductBuilder b, int at) {
        if (!eat('(')) {
            throw error(pos, "expected '(' after sgn but found " + found());
        }
        skipSpaces();
        int varAt = pos;
        if (text.startsWith("-", pos)) {
            throw error(pos, "the variable in sgn(..) cannot be negated");
        }
        eat('+');
        Term t = pos < text.length() ? variable() : null;
        if (t != Term.W && t != Term.D && t != Term.T) {
            throw error(varAt, "sgn(..) applies to w, d or t only");
        }
        long constant = 0;
        int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
        if (sign != 0) {
            long[] lit = literal();
            if (lit[1] < 0) {
                throw error(pos, "the constant in sgn(..) must be an integer");
            }
            constant = sign * lit[0] * (1L << Math.min(lit[1], 30));
        }
        if (!eat(')')) {
            throw error(pos, "expected ')' to close sgn( at column " + (at + 1) + " but found " + found());
        }
        b.factors.add(new Factor(t, clampConstant(constant, at), true));
    }

    private int clampConstant(long c, int at) {
        if (Math.abs(c) > 1 << 20) {
            throw error(at, "the constant " + c + " is far outside the 8-bit range of a factor");
        }
        return (int) c;
    }
}
