package org.spikemesh.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikemesh.simulator.chip.ShardDiagnostics;

/**
 * What {@code bench cuba} measured of an entry's shards at each repetition besides its loop times, printed as a line
 * per measurement and recorded under its name in the JSON file: the shards' long waits, every shard's waits and from
 * them the slowest shard's work over the fastest's, the yields that found another shard on the processor; and the
 * median the bench's figures take. What it measures of the host before each repetition is {@link HostChecks}.
 */
final class RepetitionFigures {
    private RepetitionFigures() {
    }

    /**
     * @param values measurements, NaN for one that gave up
     * @return the median of those that did not give up (the upper of the middle two when they are even), or NaN when
     *         all gave up
     */
    static double median(double[] values) {
        double[] kept = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return kept.length == 0 ? Double.NaN : kept[kept.length / 2];
    }

    /**
     * Prints and records each repetition's long waits of a run's entry ({@link ShardDiagnostics#longWaits}): the waits of a shard
     * for another's batch of more than {@link ShardDiagnostics#LONG_WAIT_NANOS} (where a step takes tens of microseconds,
     * the shard waited for was held up, most often by the host).
     */
    static void longWaits(String label, long[][] perRepetition, Map<String, Object> run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder line = new StringBuilder("  " + label + ": shards' waits over "
                + ShardDiagnostics.LONG_WAIT_NANOS / 1000 + " us for another's batch, per repetition:");
        for (long[] w : perRepetition) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", w[0]);
            row.put("seconds", w[1] / 1e9);
            rows.add(row);
            line.append(String.format(Locale.ROOT, " %d (%.3f s)", w[0], w[1] / 1e9));
        }
        System.out.println(line);
        run.put("long_waits", rows);
    }

    /**
     * Prints and records each repetition's yields of waiting shards that found the shard they waited for on their own
     * processor ({@link ShardDiagnostics#sharedYields}), out of all their yields: the operating system had put two shards'
     * threads on one processor for a while.
     */
    static void sharedYields(String label, long[][] perRepetition, Map<String, Object> run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder line = new StringBuilder("  " + label + ": yields of waiting shards that found the"
                + " awaited shard on their own processor, of all yields, per repetition:");
        for (long[] y : perRepetition) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shared", y[0]);
            row.put("yields", y[1]);
            rows.add(row);
            line.append(String.format(Locale.ROOT, " %d/%d", y[0], y[1]));
        }
        System.out.println(line);
        run.put("shared_processor_yields", rows);
    }

    /**
     * Prints and records each repetition's waits of every shard for the others' batches ({@link
     * ShardDiagnostics#shardWaitNanos}) and, from them, how much slower the slowest shard was than the fastest: each shard's
     * loop time less its waits is the time it worked (and closed steps for the others), and the loop goes at the pace of
     * the one that worked longest. On a host whose two processors run at equal speed the ratio is near 1.
     */
    static void shardWaits(String label, long[][] perRepetition, double[] loops, Map<String, Object> run) {
        List<List<Double>> waits = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        StringBuilder line = new StringBuilder("  " + label + ": each shard's waits for the others' batches,"
                + " s per repetition:");
        StringBuilder slowest = new StringBuilder("  " + label + ": the shard that worked longest (its loop"
                + " less its waits) over the one that worked least, per repetition:");
        for (int rep = 0; rep < perRepetition.length; rep++) {
            List<Double> w = new ArrayList<>();
            double most = 0;
            double least = Double.MAX_VALUE;
            for (long ns : perRepetition[rep]) {
                w.add(ns / 1e9);
                double worked = loops[rep] - ns / 1e9;
                most = Math.max(most, worked);
                least = Math.min(least, worked);
            }
            waits.add(w);
            double ratio = most / least;
            ratios.add(ratio);
            line.append(' ').append(w.stream().map(x -> String.format(Locale.ROOT, "%.3f", x))
                    .collect(java.util.stream.Collectors.joining("/")));
            slowest.append(String.format(Locale.ROOT, " %.2fx", ratio));
        }
        System.out.println(line);
        System.out.println(slowest);
        run.put("shard_waits_s", waits);
        run.put("slowest_shard_over_fastest", ratios);
    }
}
