package org.spikemesh.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bench cuba} measures of the host before each repetition, when an entry has more than one thread: the
 * round trip between two threads ({@link ThreadRoundTrip}: several times longer when the two processors share no
 * cache), and how much slower one of two busy processors is than the other ({@link ProcessorBalance}), on integer work
 * and on reads from the caches. Printed a line each, with their medians, and recorded under their names in the JSON
 * file.
 */
final class HostChecks {
    /** round trips timed before each repetition: 7 ms at 70 ns each, 40 ms at 400. */
    static final int ROUND_TRIPS = 100_000;

    private final double[] roundTrips;
    private final double[] balances;
    private final double[] cacheBalances;

    /** @param repetitions the repetitions to measure before */
    HostChecks(int repetitions) {
        roundTrips = new double[repetitions];
        balances = new double[repetitions];
        cacheBalances = new double[repetitions];
    }

    /**
     * Measures the host before repetition rep (NaN for a measurement that gave up: the other thread did not take part
     * in time).
     */
    void measure(int rep) {
        roundTrips[rep] = ThreadRoundTrip.measureNs(ROUND_TRIPS);
        balances[rep] = ProcessorBalance.measure();
        cacheBalances[rep] = ProcessorBalance.measureCaches();
    }

    /** Prints the measurements of every repetition and puts them into the bench's document. */
    void report(Map<String, Object> doc) {
        doc.put("thread_round_trip_ns", printBeforeEachRepetition("round trip between two threads", roundTrips,
                " %.0f", " ns (median %.0f; see docs/performance.md, tenth round)"));
        doc.put("processor_balance", printBeforeEachRepetition("two processors busy at once, the slower one's time"
                + " over the faster one's for the same work,", balances, " %.2fx",
                " (median %.2fx; see docs/performance.md, twentieth round)"));
        doc.put("cache_balance", printBeforeEachRepetition("two processors reading their caches at once (4 MB each,"
                + " at random), the slower one's time over the faster one's,", cacheBalances, " %.2fx",
                " (median %.2fx; see docs/performance.md, twenty-second round)"));
    }

    /**
     * Prints a measurement made before each repetition, each value in {@code each} and then their median in
     * {@code tail}; NaN is a measurement that gave up.
     *
     * @return the values (null for NaN: JSON has none) as {@code before_each_repetition}, and their {@code median}
     */
    private static Map<String, Object> printBeforeEachRepetition(String what, double[] values, String each,
                                                                 String tail) {
        double median = RepetitionFigures.median(values);
        StringBuilder line = new StringBuilder("  " + what + " before each repetition:");
        List<Double> written = new ArrayList<>();
        for (double v : values) {
            line.append(String.format(Locale.ROOT, each, v));
            written.add(Double.isNaN(v) ? null : v);
        }
        System.out.println(line.append(String.format(Locale.ROOT, tail, median)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before_each_repetition", written);
        m.put("median", Double.isNaN(median) ? null : median);
        return m;
    }

}
