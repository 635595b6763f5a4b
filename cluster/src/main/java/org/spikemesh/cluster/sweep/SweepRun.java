package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One run of a sweep: plans its points, keeps those of the slice that the results file does not hold yet, runs them
 * and writes the results (JSONL, rewritten sorted at the end, and CSV).
 */
public final class SweepRun {
    /**
     * What a run did.
     *
     * @param points points in the whole sweep
     * @param inSlice points in the slice run
     * @param skipped points of the slice already in the results file
     * @param ran points run now
     * @param results every result in the file afterwards, sorted by point
     */
    public record Outcome(int points, int inSlice, int skipped, int ran, List<JsonNode> results) {
    }

    private SweepRun() {
    }

    /**
     * @param spec the sweep
     * @param shard the slice to run ({@link Shard#ALL} for the whole sweep)
     * @param jsonl the results file (read for resume, then written)
     * @param csv the CSV file written beside it
     * @param runners makes the runner, called only when there is something to run
     * @param progress told the number of points of the slice done so far (skipped ones included) after each one
     * @return what was done
     * @throws IOException when the results cannot be read or written
     */
    public static Outcome run(SweepSpec spec, Shard shard, Path jsonl, Path csv, Supplier<PointRunner> runners,
                              IntConsumer progress) throws IOException {
        List<PointJob> all = SweepPlan.points(spec);
        List<PointJob> slice = all.stream().filter(j -> shard.contains(j.index())).toList();
        try (SweepResults results = SweepResults.open(jsonl)) {
            refuseOthers(results, all, jsonl);
            List<PointJob> todo = slice.stream().filter(j -> !results.done(j.key())).toList();
            if (!todo.isEmpty()) {
                int[] done = {slice.size() - todo.size()};
                try (PointRunner runner = runners.get()) {
                    runner.run(todo, (job, line) -> {
                        results.add(line);
                        progress.accept(++done[0]);
                    });
                }
            }
            results.finish(csv);
            return new Outcome(all.size(), slice.size(), slice.size() - todo.size(), todo.size(), results.all());
        }
    }

    /**
     * Refuses a results file holding points that are not this sweep's (another sweep's file, or this sweep's before
     * an edit changed its points): resuming into it mixed both in the CSV and the page without a word.
     */
    private static void refuseOthers(SweepResults results, List<PointJob> all, Path jsonl) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        all.forEach(j -> keys.add(j.key()));
        long foreign = results.keys().stream().filter(k -> !keys.contains(k)).count();
        if (foreign > 0) {
            throw new SweepException(jsonl + ": holds " + foreign + " result(s) of points that are not in this sweep"
                    + " (another sweep's results, or this sweep's before it was edited); give another --out, or remove"
                    + " the file to start again");
        }
    }
}
