package org.spikemesh.process.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule strings as Lava parses them (product_series.py), and errors that point at the column. */
class RuleParserTest {
    private static Product only(String rule) {
        ProductSeries s = RuleParser.parse("dw", rule);
        assertEquals(1, s.products().size(), rule);
        return s.products().get(0);
    }

    @Test
    void theFirstDependencyGatesAndLiteralsFoldIntoTheScale() {
        // Lava's docstring example: 2^-2*x1*y0 -> dependency y0, factor x1, mantissa 1, stored exponent 5
        Product p = only("2^-2*x1*y0");
        assertEquals(Dependency.Y0, p.dependency());
        assertEquals(1, p.mantissa());
        assertEquals(5, p.storedExponent());
        assertEquals(List.of(new Factor(Term.X1, 0, false)), p.factors());
        // a later x0 is an ordinary 1-bit factor
        Product q = only("y0*x0*x1");
        assertEquals(Dependency.Y0, q.dependency());
        assertEquals(List.of(new Factor(Term.X0, 0, false), new Factor(Term.X1, 0, false)), q.factors());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // rule | mantissa | exponent. Lava halves an even mantissa only while it is above 7: 16 -> 8 * 2^1 -> 4 * 2^2;
        // 12 -> 6 * 2^1; 3*2^-1*2^-2 = 3 * 2^-3; -x0: -1; 6 * 2^1 stays (6 <= 7)
        "16*x0*y1 | 4 | 2",
        "12*x0 | 6 | 1",
        "3*2^-1*2^-2*x0 | 3 | -3",
        "-x0*y1 | -1 | 0",
        "6 * 2 ^ 1 * y0 | 6 | 1",
        "(1) * 2 ^ -1 * (-1) * x0 * y1 | -1 | -1",
        "(x1 + 3) * u0 | 1 | 0",
    })
    void scalingConstantsNormaliseAsLava(String rule, int mantissa, int exponent) {
        Product p = only(rule);
        assertEquals(mantissa, p.mantissa(), rule);
        assertEquals(exponent, p.exponent(), rule);
    }

    @Test
    void sumsSplitIntoProductsWithTheirSigns() {
        ProductSeries s = RuleParser.parse("dw", "2^-2*x1*y0 - 2^-2*y1*x0 + u3*w");
        assertEquals(3, s.products().size());
        assertEquals(-1, s.products().get(1).mantissa());
        assertEquals(Dependency.X0, s.products().get(1).dependency());
        assertEquals(Dependency.U, s.products().get(2).dependency());
        assertEquals(3, s.decimateExponent());
    }

    @Test
    void bracketsHoldAVariableAndAConstantAndSgnAppliesToSynapticVariables() {
        Product p = only("x0*(w - 16)*sgn(t+2)");
        assertEquals(List.of(new Factor(Term.W, -16, false), new Factor(Term.T, 2, true)), p.factors());
        // (3 - y1) = -(y1 - 3): the sign moves into the mantissa, as Lava does
        Product q = only("x0*(3 - y1)");
        assertEquals(-1, q.mantissa());
        assertEquals(List.of(new Factor(Term.Y1, -3, false)), q.factors());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // rule | column of the error | words the message must contain
        "2^-2*x1*q | 9 | expected a factor",
        "x0*y1 + | 8 | end of the rule",
        "x1*y1 | 1 | no dependency",
        "x0*(y1 + 2 | 11 | expected ')'",
        "x0*sgn(x1) | 8 | sgn(..) applies to w, d or t",
        "9*x0 | 1 | mantissa in -8..7",
        "2^12*x0 | 1 | exponent",
        "x0*3^2 | 5 | powers of two",
        "x0 y1 | 4 | expected '+', '-' or '*'",
        "u*x1 | 2 | u0 .. u9",
        "u1*x1 + u2*y1 | 9 | one rule uses one u<k>",
    })
    void badRulesNameTheColumn(String rule, int column, String words) {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("dw", rule));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertTrue(e.getMessage().startsWith("dw = \"" + rule + "\": column " + column), e.getMessage());
    }

    @Test
    void stdpLoihiIsLavasString() {
        // Lava: dw = lr*A_minus*x0*y1 + lr*A_plus*y0*x1 with float_to_literal; lr 0.25 -> (1)*2^-2, A_plus 2 -> (2),
        // A_minus -1 -> (-1): x0 product -1 * 2^-2, y0 product 2 * 2^-2 (2 <= 7 is not normalised)
        LearningRule r = LearningRules.fromParameters(Map.of("type", "STDPLoihi", "learning_rate", 0.25, "A_plus", 2,
                "A_minus", -1, "tau_plus", 10, "tau_minus", 12));
        List<Product> ps = r.dw().products();
        assertEquals(Dependency.X0, ps.get(0).dependency());
        assertEquals(-1, ps.get(0).mantissa());
        assertEquals(-2, ps.get(0).exponent());
        assertEquals(List.of(new Factor(Term.Y1, 0, false)), ps.get(0).factors());
        assertEquals(Dependency.Y0, ps.get(1).dependency());
        assertEquals(2, ps.get(1).mantissa());
        assertEquals(-2, ps.get(1).exponent());
        assertEquals(10, r.tau(0));
        assertEquals(12, r.tau(2));
        assertEquals(16, r.impulse(0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0.25 | (1) * 2 ^ -2",
        "3.0 | (3)",
        "-1.0 | (-1)",
        "0.0 | 0",
        "1.5 | (1) * 2 ^ 1",
        "0.3 | (1) * 2 ^ -2",
        "5.5 | (5) * 2 ^ 0",
    })
    void floatToLiteralAsLava(double v, String literal) {
        // Lava: m = max(int(|v|), 1); e = round(log2(|v| / m)); 1.5 -> log2 1.5 = 0.58 -> 1 (so 1.5 becomes 2);
        // 0.3 -> -1.74 -> -2; 5.5 -> log2 1.1 = 0.14 -> 0
        assertEquals(literal, FloatLiteral.of(v));
    }

    @Test
    void badParametersNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.fromParameters(Map.of("dw", "x0*y1", "x1_tau", -2)));
        assertTrue(e.getMessage().contains("x1_tau is -2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.fromParameters(Map.of("dw", "x0*y1", "t_epoch", 0)));
        assertTrue(e.getMessage().contains("t_epoch is 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.fromParameters(Map.of("dw", "x0*y1", "x3_tau", 1)));
        assertTrue(e.getMessage().contains("unknown parameter 'x3_tau'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.fromParameters(Map.of("type", "Hebb")));
        assertTrue(e.getMessage().contains("STDPLoihi"), e.getMessage());
    }
}
