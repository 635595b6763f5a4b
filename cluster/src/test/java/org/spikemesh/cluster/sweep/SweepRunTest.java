package org.spikemesh.cluster.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep run without a cluster: resume from the results file, slices that union to the whole. */
class SweepRunTest {
    @TempDir
    Path dir;
    private SweepSpec spec;

    @BeforeEach
    void setUp() {
        spec = SweepFile.load(SweepFiles.write(dir, "sixteen.yaml", SweepFiles.sixteen(10)));
    }

    private SweepRun.Outcome run(Shard shard, String out, AtomicInteger runnersMade) throws IOException {
        return SweepRun.run(spec, shard, dir.resolve(out + ".jsonl"), dir.resolve(out + ".csv"), () -> {
            runnersMade.incrementAndGet();
            return new SerialRunner();
        }, n -> { });
    }

    private List<String> lines(String out) throws IOException {
        return Files.readAllLines(dir.resolve(out + ".jsonl"));
    }

    @Test
    void shouldWriteOneLinePerPointSortedAndACsvRowEach() throws IOException {
        SweepRun.Outcome o = run(Shard.ALL, "all", new AtomicInteger());
        assertEquals(16, o.points());
        assertEquals(16, o.ran());
        List<String> l = lines("all");
        assertEquals(16, l.size());
        for (int i = 0; i < 16; i++) {
            assertTrue(l.get(i).startsWith("{\"point\":" + i + ","), l.get(i));
        }
        List<String> csv = Files.readAllLines(dir.resolve("all.csv"));
        assertEquals(17, csv.size());
        assertTrue(csv.get(0).startsWith("point,key,seed,core.max_neurons,router.hop_east_west.energy_pj,seed,fits,"),
                csv.get(0));
    }

    @Test
    void shouldSkipEveryPointAlreadyInTheResultsFile() throws IOException {
        run(Shard.ALL, "r", new AtomicInteger());
        String before = Files.readString(dir.resolve("r.jsonl"));
        AtomicInteger made = new AtomicInteger();
        SweepRun.Outcome o = run(Shard.ALL, "r", made);
        assertEquals(0, o.ran());
        assertEquals(16, o.skipped());
        assertEquals(0, made.get(), "nothing to run: no runner (no cluster) is started");
        assertEquals(before, Files.readString(dir.resolve("r.jsonl")));
    }

    @Test
    void shouldRunOnlyTheMissingPointsAfterACrashThatCutTheLastLine() throws IOException {
        run(Shard.ALL, "full", new AtomicInteger());
        List<String> full = lines("full");
        String partial = String.join("\n", full.subList(0, 5)) + "\n" + full.get(5).substring(0, 40);
        Files.writeString(dir.resolve("crashed.jsonl"), partial);
        SweepRun.Outcome o = run(Shard.ALL, "crashed", new AtomicInteger());
        assertEquals(5, o.skipped());
        assertEquals(11, o.ran());
        assertEquals(full, lines("crashed"));
    }

    @Test
    void shouldMakeSlicesThatUnionToTheWholeSweep() throws IOException {
        run(Shard.ALL, "whole", new AtomicInteger());
        List<String> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            SweepRun.Outcome o = run(new Shard(i, 3), "slice" + i, new AtomicInteger());
            assertEquals(i == 1 ? 6 : 5, o.inSlice(), "16 points over 3 slices: 6, 5, 5");
            union.addAll(lines("slice" + i));
        }
        union.sort((a, b) -> Integer.compare(point(a), point(b)));
        assertEquals(lines("whole"), union);
    }

    private static int point(String line) {
        return Integer.parseInt(line.substring("{\"point\":".length(), line.indexOf(',')));
    }

    @Test
    void shouldRefuseAResultsFileThatIsNotOne() throws IOException {
        Files.writeString(dir.resolve("bad.jsonl"), "hello\n{\"a\":1}\n");
        SweepException e = assertThrows(SweepException.class, () -> run(Shard.ALL, "bad", new AtomicInteger()));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.jsonl") + ":1: not a sweep result line"), e.getMessage());
        assertEquals("hello\n{\"a\":1}\n", Files.readString(dir.resolve("bad.jsonl")), "left as it was");
    }

    /**
     * Another sweep's results (here the same sweep with 11 steps instead of 10: every point's key differs) were
     * resumed into: both sweeps' points ended in one file, CSV and page. Now refused, the file left as it was.
     */
    @Test
    void shouldRefuseAResultsFileOfAnotherSweep() throws IOException {
        run(Shard.ALL, "mine", new AtomicInteger());
        String before = Files.readString(dir.resolve("mine.jsonl"));
        spec = SweepFile.load(SweepFiles.write(dir, "eleven.yaml", SweepFiles.sixteen(11)));
        SweepException e = assertThrows(SweepException.class, () -> run(Shard.ALL, "mine", new AtomicInteger()));
        assertEquals(dir.resolve("mine.jsonl") + ": holds 16 result(s) of points that are not in this sweep (another"
                + " sweep's results, or this sweep's before it was edited); give another --out, or remove the file to"
                + " start again", e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("mine.jsonl")));
    }
}
