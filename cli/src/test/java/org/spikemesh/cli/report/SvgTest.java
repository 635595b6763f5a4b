package org.spikemesh.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers at the ends of a chart's y axis, and the legend of a line chart of several series. */
class SvgTest {

    @Test
    void shouldWriteTheEndsOfTheYAxisInSevenCharactersAtMost() {
        // short enough as they are: integers of up to 7 digits, and 4 significant digits
        assertEquals("0", Svg.axisNum(0));
        assertEquals("1234567", Svg.axisNum(1_234_567));
        assertEquals("-12.35", Svg.axisNum(-12.345));
        // 471 023.5 pJ is 4.710e+05 in 4 digits (9 characters, cut off at the chart's left edge): 4.71e5
        assertEquals("4.71e5", Svg.axisNum(471_023.5));
        assertEquals("1.23e7", Svg.axisNum(12_345_678));
        assertEquals("-4.71e5", Svg.axisNum(-471_023.5));
        assertEquals("1.5e-5", Svg.axisNum(0.000015));
    }

    @Test
    void shouldWriteNumbersWithoutTrailingZeros() {
        assertEquals("0.5", Svg.num(0.5));
        assertEquals("49.5", Svg.num(49.5));
        assertEquals("1.373", Svg.num(1.372771));
        assertEquals("1.2e+12", Svg.num(1.2e12));
        assertEquals("-0.25", Svg.num(-0.25));
        assertEquals("120", Svg.num(120));
        assertEquals("1e+05", Svg.trimZeros("1.000e+05"));
        // %g without a point keeps its zeros: 1235 from 1234.5, 1.2e12 written whole as an integer
        assertEquals("1235", Svg.num(1234.5));
    }

    @Test
    void shouldNameSeveralSeriesInALegendAndOneSeriesNot() {
        double[] x = {1, 2, 3};
        String two = Svg.lines("t", x, List.of(new double[]{1, 2, 3}, new double[]{2, 3, 4}), List.of("low", "high"),
                "pJ");
        // one row of legend: 16 px more than the 220 px of a chart
        assertTrue(two.startsWith("<svg class=\"chart\" width=\"640\" height=\"236\""), two);
        assertTrue(two.contains("fill=\"" + Svg.seriesColour(0) + "\"/><text x=\"74\" y=\"230\" class=\"a\">low</text>"),
                two);
        assertTrue(two.contains("fill=\"" + Svg.seriesColour(1) + "\"/><text x=\"214\" y=\"230\" class=\"a\">high</text>"),
                two);
        String five = Svg.lines("t", x, List.of(x, x, x, x, x), List.of("a", "b", "c", "d", "e"), "pJ");
        // four to a row: the fifth starts a second row
        assertTrue(five.startsWith("<svg class=\"chart\" width=\"640\" height=\"252\""), five);
        assertTrue(five.contains("<text x=\"74\" y=\"246\" class=\"a\">e</text>"), five);
        String one = Svg.lines("t", x, List.of(x), List.of("only"), "pJ");
        assertTrue(one.startsWith("<svg class=\"chart\" width=\"640\" height=\"220\""), one);
        assertFalse(one.contains(">only</text>"), "a single series is named by the title and its tooltip only");
    }
}
