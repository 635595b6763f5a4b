package org.spikemesh.cli.report;

import java.util.List;
import java.util.Locale;

/** Small SVG helpers: escaped text, a colour scale, line and bar charts, all as strings. */
final class Svg {
    private Svg() {
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** @return a colour from dark blue (0) through teal and yellow (1) */
    static String colour(double t) {
        double x = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(255 * Math.min(1, Math.max(0, 1.6 * x - 0.45)));
        int g = (int) Math.round(255 * Math.min(1, 0.15 + 0.85 * x));
        int b = (int) Math.round(255 * Math.max(0, 0.55 - 0.55 * x + 0.25 * Math.sin(Math.PI * x)));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /**
     * A line chart of one or more series over the same x.
     *
     * @param title chart title
     * @param x x values
     * @param series y values per series
     * @param names series names
     * @param yLabel unit of y
     * @return an svg element
     */
    static String lines(String title, double[] x, List<double[]> series, List<String> names, String yLabel) {
        return lines(title, x, series, names, yLabel, Double.NaN, null);
    }

    /**
     * A line chart with an optional threshold line and spike marks.
     *
     * @param title chart title
     * @param x x values
     * @param series y values per series
     * @param names series names
     * @param yLabel unit of y
     * @param threshold a y value drawn as a dashed line, or NaN
     * @param marks per series the x values of its spikes (drawn as ticks at the top), or null
     * @return an svg element
     */
    static String lines(String title, double[] x, List<double[]> series, List<String> names, String yLabel,
                        double threshold, List<double[]> marks) {
        int w = 640;
        // several series are named in a legend under the x axis, four to a row
        int legendRows = names.size() > 1 ? (names.size() + LINE_LEGEND - 1) / LINE_LEGEND : 0;
        int h = 220 + 16 * legendRows;
        int l = 60;
        int b = 30 + 16 * legendRows;
        double xMin = x.length == 0 ? 0 : x[0];
        double xMax = x.length == 0 ? 1 : x[x.length - 1];
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        if (!Double.isNaN(threshold)) {
            yMin = Math.min(yMin, threshold);
            yMax = Math.max(yMax, threshold);
        }
        if (!(yMax > yMin)) {
            yMax = yMin + 1;
        }
        if (!(xMax > xMin)) {
            xMax = xMin + 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        sb.append("<text x=\"").append(l).append("\" y=\"14\" class=\"t\">").append(esc(title)).append("</text>");
        sb.append(axes(l, 20, w - 10, h - b, xMin, xMax, yMin, yMax, yLabel));
        Plot plot = new Plot(l, w - 10, 20, h - b, xMin, xMax, yMin, yMax);
        for (int k = 0; k < series.size(); k++) {
            double[] s = series.get(k);
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < s.length && i < x.length; i++) {
                d.append(i == 0 ? "M" : "L").append(f(plot.x(x[i]))).append(' ').append(f(plot.y(s[i])));
            }
            sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(seriesColour(k))
                    .append("\" stroke-width=\"1.2\"><title>").append(esc(names.get(k))).append("</title></path>");
            if (marks != null && k < marks.size()) {
                StringBuilder m = new StringBuilder();
                for (double sx : marks.get(k)) {
                    m.append('M').append(f(plot.x(sx))).append(' ').append(20 + 2 * k).append("v6");
                }
                sb.append("<path class=\"spikes\" d=\"").append(m).append("\" stroke=\"").append(seriesColour(k))
                        .append("\"/>");
            }
        }
        if (legendRows > 0) {
            legend(sb, names, l, h - 16 * legendRows + 10, LINE_LEGEND, 140);
        }
        if (!Double.isNaN(threshold)) {
            double py = plot.y(threshold);
            sb.append("<path class=\"threshold\" d=\"M").append(l).append(' ').append(f(py)).append("H").append(w - 10)
                    .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"><title>threshold ").append(num(threshold))
                    .append("</title></path>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** names in a row of a line chart's legend. */
    private static final int LINE_LEGEND = 4;

    /**
     * Appends a legend: a swatch of each series' colour and its name, perRow to a row of entries each width px wide,
     * the first row's text on baseline top.
     */
    private static void legend(StringBuilder sb, List<String> names, int left, int top, int perRow, int width) {
        for (int p = 0; p < names.size(); p++) {
            int x = left + (p % perRow) * width;
            int y = top + 16 * (p / perRow);
            sb.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(seriesColour(p)).append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y)
                    .append("\" class=\"a\">").append(esc(names.get(p))).append("</text>");
        }
    }

    static String axes(int x0, int y0, int x1, int y1, double xMin, double xMax, double yMin, double yMax, String yLabel) {
        return axes(x0, y0, x1, y1, xMin, xMax, yMin, yMax, yLabel, " step");
    }

    /**
     * The axes of a chart: the lines, the ends of y, the unit of y and, unless {@code xUnit} is null, the ends of x
     * followed by xUnit (a chart that labels every x puts its own labels there).
     */
    static String axes(int x0, int y0, int x1, int y1, double xMin, double xMax, double yMin, double yMax, String yLabel,
                       String xUnit) {
        StringBuilder sb = new StringBuilder();
        sb.append("<path d=\"M").append(x0).append(' ').append(y0).append("V").append(y1).append("H").append(x1)
                .append("\" stroke=\"#555\" fill=\"none\"/>");
        sb.append("<text x=\"").append(x0 - 4).append("\" y=\"").append(y0 + 8).append("\" class=\"a\" text-anchor=\"end\">")
                .append(axisNum(yMax)).append("</text>");
        sb.append("<text x=\"").append(x0 - 4).append("\" y=\"").append(y1).append("\" class=\"a\" text-anchor=\"end\">")
                .append(axisNum(yMin)).append("</text>");
        if (xUnit != null) {
            sb.append("<text x=\"").append(x0).append("\" y=\"").append(y1 + 14).append("\" class=\"a\">").append(num(xMin))
                    .append("</text>");
            sb.append("<text x=\"").append(x1).append("\" y=\"").append(y1 + 14).append("\" class=\"a\" text-anchor=\"end\">")
                    .append(num(xMax)).append(xUnit).append("</text>");
        }
        sb.append("<text x=\"4\" y=\"").append((y0 + y1) / 2).append("\" class=\"a\">").append(esc(yLabel)).append("</text>");
        return sb.toString();
    }

    /**
     * @return v in at most 7 characters, for the ends of a y axis (55 px at the left of a chart): as {@link #num} when
     *         that is short enough, else in 3 significant digits with a short exponent (4.71e5, not 4.710e+05)
     */
    static String axisNum(double v) {
        String n = shortExponent(num(v));
        return n.length() <= 7 ? n : shortExponent(trimZeros(String.format(Locale.ROOT, "%.3g", v)));
    }

    /** @return a number written by %g with its exponent's sign and zeros left out where they can be: 4.71e5 */
    private static String shortExponent(String g) {
        return g.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return trimZeros(String.format(Locale.ROOT, "%.4g", v));
    }

    /** @return a number written by %g without the zeros that end its digits: 0.5 for 0.5000, 1.2e+05 for 1.200e+05 */
    static String trimZeros(String g) {
        int e = g.indexOf('e');
        String digits = e < 0 ? g : g.substring(0, e);
        if (digits.indexOf('.') < 0) {
            return g;
        }
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        if (digits.charAt(end - 1) == '.') {
            end--;
        }
        return digits.substring(0, end) + (e < 0 ? "" : g.substring(e));
    }

    /**
     * Horizontal bars.
     *
     * @param title title
     * @param names bar names
     * @param values bar values
     * @param unit unit
     * @return an svg element
     */
    static String bars(String title, List<String> names, List<Double> values, String unit) {
        int w = 640;
        int row = 22;
        int h = 30 + row * names.size();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h).append("\">");
        sb.append("<text x=\"150\" y=\"14\" class=\"t\">").append(esc(title)).append("</text>");
        for (int i = 0; i < names.size(); i++) {
            double v = values.get(i);
            double len = max == 0 ? 0 : v / max * 330;
            int y = 24 + i * row;
            sb.append("<text x=\"145\" y=\"").append(y + 13).append("\" class=\"a\" text-anchor=\"end\">")
                    .append(esc(names.get(i))).append("</text>");
            sb.append("<rect x=\"150\" y=\"").append(y).append("\" width=\"").append(f(len)).append("\" height=\"16\" fill=\"")
                    .append(colour(max == 0 ? 0 : v / max)).append("\"><title>").append(num(v)).append(' ').append(unit)
                    .append("</title></rect>");
            sb.append("<text x=\"").append(f(155 + len)).append("\" y=\"").append(y + 13).append("\" class=\"a\">")
                    .append(num(v)).append(' ').append(esc(unit)).append("</text>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** One dot of a scatter plot: position, colour value in [0, 1], tooltip, and whether it is highlighted. */
    record Dot(double x, double y, double shade, String label, boolean marked) {
    }

    /**
     * A scatter plot with a line through the marked dots (in the order given), e.g. a Pareto front.
     *
     * @param title chart title
     * @param dots the dots
     * @param xLabel unit of x
     * @param yLabel unit of y
     * @param shadeLabel what the colour means, shown under the chart
     * @return an svg element
     */
    static String scatter(String title, List<Dot> dots, String xLabel, String yLabel, String shadeLabel) {
        int w = 640;
        int h = 360;
        int l = 70;
        int b = 40;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Dot d : dots) {
            xMin = Math.min(xMin, d.x());
            xMax = Math.max(xMax, d.x());
            yMin = Math.min(yMin, d.y());
            yMax = Math.max(yMax, d.y());
        }
        if (dots.isEmpty()) {
            xMin = 0;
            yMin = 0;
        }
        xMax = xMax > xMin ? xMax : xMin + 1;
        yMax = yMax > yMin ? yMax : yMin + 1;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        sb.append("<text x=\"").append(l).append("\" y=\"14\" class=\"t\">").append(esc(title)).append("</text>");
        sb.append(axes(l, 20, w - 10, h - b, xMin, xMax, yMin, yMax, yLabel, ""));
        sb.append("<text x=\"").append((l + w - 10) / 2).append("\" y=\"").append(h - b + 28)
                .append("\" class=\"a\" text-anchor=\"middle\">").append(esc(xLabel)).append(" (colour: ")
                .append(esc(shadeLabel)).append(")</text>");
        StringBuilder front = new StringBuilder();
        for (Dot d : dots) {
            double px = l + (d.x() - xMin) / (xMax - xMin) * (w - 10 - l);
            double py = h - b - (d.y() - yMin) / (yMax - yMin) * (h - b - 20);
            if (d.marked()) {
                front.append(front.length() == 0 ? "M" : "L").append(f(px)).append(' ').append(f(py));
            }
            sb.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(py)).append("\" r=\"")
                    .append(d.marked() ? 6 : 4).append("\" fill=\"").append(colour(d.shade()))
                    .append(d.marked() ? "\" stroke=\"#000\" stroke-width=\"1.5" : "\" stroke=\"none")
                    .append("\"><title>").append(esc(d.label())).append("</title></circle>");
        }
        if (front.length() > 0) {
            sb.append("<path class=\"front\" d=\"").append(front)
                    .append("\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** The colours of the series of a chart, in order. */
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22"};

    /** @return the colour of series k, the palette taken again from its start past its end */
    static String seriesColour(int k) {
        return PALETTE[k % PALETTE.length];
    }

    /**
     * Series of a few points each, drawn as dots joined by lines over x = 1, 2, ... (repetitions, say), with a legend
     * and an optional dashed reference line.
     *
     * @param title chart title
     * @param xLabel what x counts
     * @param series y values per series (x is the index plus one)
     * @param names series names, for the legend and the dots' tooltips
     * @param yLabel unit of y
     * @param reference a y value drawn as a dashed line, or NaN
     * @param referenceLabel what the reference line is
     * @return an svg element
     */
    static String dotted(String title, String xLabel, List<double[]> series, List<String> names, String yLabel,
                         double reference, String referenceLabel) {
        return dotted(title, xLabel, null, series, names, yLabel, reference, referenceLabel);
    }

    /**
     * {@link #dotted(String, String, List, List, String, double, String)} with a label under every x (the sizes of a
     * scale run, say) instead of the numbers of the first and last; a series may skip an x with NaN.
     *
     * @param xTicks the label of x = 1, 2, ..., or null
     */
    static String dotted(String title, String xLabel, List<String> xTicks, List<double[]> series, List<String> names,
                         String yLabel, double reference, String referenceLabel) {
        int w = 640;
        int l = 60;
        int b = 34;
        int legend = 16 * names.size() + (xTicks == null ? 0 : 14);
        int h = 220 + legend;
        int n = 1;
        double yMin = Double.isNaN(reference) ? Double.POSITIVE_INFINITY : reference;
        double yMax = Double.isNaN(reference) ? Double.NEGATIVE_INFINITY : reference;
        for (double[] s : series) {
            n = Math.max(n, s.length);
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (xTicks != null) {
            n = Math.max(n, xTicks.size());
        }
        // from zero, so that the height of a dot reads as its value
        yMin = Math.min(0, yMin);
        yMax = yMax > yMin ? yMax : yMin + 1;
        // repetitions from end to end; labelled x (sizes) each in the middle of a band of its own
        double xMin = xTicks != null ? 0.5 : n == 1 ? 0 : 1;
        double xMax = xTicks != null ? n + 0.5 : n == 1 ? 2 : n;
        int bottom = h - b - legend;
        Plot plot = new Plot(l, w - 10, 20, bottom, xMin, xMax, yMin, yMax);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        sb.append("<text x=\"").append(l).append("\" y=\"14\" class=\"t\">").append(esc(title)).append("</text>");
        // with a label under every x, no numbers under the ends of the x axis
        sb.append(axes(l, 20, w - 10, bottom, xMin, xMax, yMin, yMax, yLabel, xTicks == null ? "" : null));
        for (int i = 0; xTicks != null && i < xTicks.size(); i++) {
            sb.append("<text x=\"").append(f(plot.x(i + 1))).append("\" y=\"").append(bottom + 14)
                    .append("\" class=\"a\" text-anchor=\"middle\">").append(esc(xTicks.get(i))).append("</text>");
        }
        sb.append("<text x=\"").append((l + w - 10) / 2).append("\" y=\"").append(bottom + (xTicks == null ? 14 : 28))
                .append("\" class=\"a\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
        for (int k = 0; k < series.size(); k++) {
            dottedSeries(sb, plot, k, series.get(k), names.get(k), xLabel, xTicks, yLabel);
            int y = bottom + 30 + (xTicks == null ? 0 : 14) + 16 * k;
            sb.append("<rect x=\"").append(l).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(seriesColour(k)).append("\"/><text x=\"").append(l + 16).append("\" y=\"").append(y)
                    .append("\" class=\"a\">").append(esc(names.get(k))).append("</text>");
        }
        if (!Double.isNaN(reference)) {
            double py = plot.y(reference);
            sb.append("<path class=\"reference\" d=\"M").append(l).append(' ').append(f(py)).append("H").append(w - 10)
                    .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"><title>").append(esc(referenceLabel))
                    .append(' ').append(num(reference)).append("</title></path>");
            sb.append("<text x=\"").append(w - 12).append("\" y=\"").append(f(py - 3))
                    .append("\" class=\"a\" text-anchor=\"end\">").append(esc(referenceLabel)).append("</text>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** Where values land in a chart's plot area: x from left to right, y from bottom (low) to top (high). */
    private record Plot(int left, int right, int top, int bottom, double xMin, double xMax, double yMin, double yMax) {
        double x(double v) {
            return left + (v - xMin) / (xMax - xMin) * (right - left);
        }

        double y(double v) {
            return bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
        }
    }

    /**
     * Draws series k of {@link #dotted}: its points joined by a line, each a dot whose tooltip names the series, the x
     * (its number, or its label when every x has one) and the value; NaN points are left out.
     */
    private static void dottedSeries(StringBuilder sb, Plot plot, int k, double[] s, String name, String xLabel,
                                     List<String> xTicks, String yLabel) {
        String c = seriesColour(k);
        StringBuilder d = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            if (Double.isNaN(s[i])) {
                continue;
            }
            double px = plot.x(i + 1);
            double py = plot.y(s[i]);
            String x = xTicks == null ? String.valueOf(i + 1) : esc(xTicks.get(i));
            d.append(d.length() == 0 ? "M" : "L").append(f(px)).append(' ').append(f(py));
            dots.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(py)).append("\" r=\"3.5\" fill=\"")
                    .append(c).append("\"><title>").append(esc(name)).append(", ").append(esc(xLabel)).append(' ')
                    .append(x).append(": ").append(num(s[i])).append(' ').append(esc(yLabel)).append("</title></circle>");
        }
        sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(c)
                .append("\" stroke-width=\"1.2\"/>").append(dots);
    }

    /** Width, px, of the longest row of {@link #stacked}. */
    static final int STACK_WIDTH = 400;

    /**
     * Horizontal bars made of segments, one bar per row: the longest row is {@value #STACK_WIDTH} px wide and every
     * segment is as wide as its share of it; a legend names the segments' colours.
     *
     * @param title chart title
     * @param rows row names
     * @param parts segment names, in the order of each row's values
     * @param values per row, per segment
     * @param unit unit of the values
     * @return an svg element
     */
    static String stacked(String title, List<String> rows, List<String> parts, List<double[]> values, String unit) {
        int l = 150;
        int row = 22;
        int legendRows = (parts.size() + 3) / 4;
        int w = l + STACK_WIDTH + 90;
        int h = 30 + row * rows.size() + 8 + 16 * legendRows;
        double max = 0;
        for (double[] v : values) {
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            max = Math.max(max, sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(w).append("\" height=\"").append(h).append("\">");
        sb.append("<text x=\"").append(l).append("\" y=\"14\" class=\"t\">").append(esc(title)).append("</text>");
        for (int r = 0; r < rows.size(); r++) {
            int y = 24 + r * row;
            sb.append("<text x=\"").append(l - 5).append("\" y=\"").append(y + 13).append("\" class=\"a\" text-anchor=\"end\">")
                    .append(esc(rows.get(r))).append("</text>");
            double x = l;
            double sum = 0;
            double[] v = values.get(r);
            for (int p = 0; p < v.length; p++) {
                double len = max == 0 ? 0 : v[p] / max * STACK_WIDTH;
                sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(y).append("\" width=\"").append(f(len))
                        .append("\" height=\"16\" fill=\"").append(seriesColour(p)).append("\"><title>")
                        .append(esc(rows.get(r))).append(", ").append(esc(parts.get(p))).append(": ").append(num(v[p]))
                        .append(' ').append(esc(unit)).append("</title></rect>");
                x += len;
                sum += v[p];
            }
            sb.append("<text x=\"").append(f(x + 5)).append("\" y=\"").append(y + 13).append("\" class=\"a\">")
                    .append(num(sum)).append(' ').append(esc(unit)).append("</text>");
        }
        legend(sb, parts, l, 30 + row * rows.size() + 8, 4, 120);
        sb.append("</svg>");
        return sb.toString();
    }
}
