package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory of a run: written aside and moved into place whole, replacing a new, empty or earlier output
 * directory, and never a file or a directory with anything else in it (it would be lost with the replacement).
 */
class AtomicDirectoryTest {

    private static void write(AtomicDirectory d, String name, String text) throws IOException {
        Files.writeString(d.staging().resolve(name), text);
    }

    /** @return how many entries the directory holds */
    static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void shouldCreateANewDirectoryOnlyOnCommit(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("new/out");
        try (AtomicDirectory d = new AtomicDirectory(out)) {
            write(d, "summary.json", "{}");
            assertFalse(Files.exists(out), "nothing in place before the commit");
            d.commit();
        }
        assertEquals("{}", Files.readString(out.resolve("summary.json")));
        // only the output is left next to it: no staging directory
        assertEquals(1, entries(out.getParent()));
    }

    @Test
    void shouldLeaveNothingWhenNotCommitted(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        try (AtomicDirectory d = new AtomicDirectory(out)) {
            write(d, "spikes.csv", "step,process,neuron\n");
        }
        assertFalse(Files.exists(out));
        assertEquals(0, entries(tmp), "the staging directory is removed");
    }

    @Test
    void shouldReplaceAnEmptyDirectoryAndAnEarlierOutput(@TempDir Path tmp) throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectory(empty);
        try (AtomicDirectory d = new AtomicDirectory(empty)) {
            write(d, "summary.json", "{\"steps\":1}");
            d.commit();
        }
        assertEquals("{\"steps\":1}", Files.readString(empty.resolve("summary.json")));
        // the output just written is an earlier output for the next run: replaced whole, its old files gone, with
        // a report of it kept beside them
        Files.writeString(empty.resolve("lif1.v.csv"), "step,0\n");
        Files.writeString(empty.resolve("report.html"), "<html></html>");
        try (AtomicDirectory d = new AtomicDirectory(empty)) {
            write(d, "summary.json", "{\"steps\":2}");
            d.commit();
        }
        assertEquals("{\"steps\":2}", Files.readString(empty.resolve("summary.json")));
        assertFalse(Files.exists(empty.resolve("lif1.v.csv")));
        assertFalse(Files.exists(empty.resolve("report.html")));
        assertEquals(1, entries(tmp), "no old or staging directory is left");
    }

    @Test
    void shouldRefuseAFile(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AtomicDirectory(file));
        assertTrue(e.getMessage().startsWith(file + ": is a file, not a directory"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
        assertEquals(1, entries(tmp), "no staging directory was made");
    }

    @Test
    void shouldRefuseADirectoryWithFilesOfItsOwn(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("thesis");
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("summary.json"), "{}");
        Files.writeString(dir.resolve("thesis.tex"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AtomicDirectory(dir));
        assertTrue(e.getMessage().contains("it holds 'thesis.tex'"), e.getMessage());
        assertEquals("keep me", Files.readString(dir.resolve("thesis.tex")));
    }

    @Test
    void shouldRefuseADirectoryWithASubdirectoryOrWithoutASummary(@TempDir Path tmp) throws IOException {
        Path sub = tmp.resolve("withSub");
        Files.createDirectories(sub.resolve("src"));
        Files.writeString(sub.resolve("summary.json"), "{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AtomicDirectory(sub));
        assertTrue(e.getMessage().contains("it holds 'src'"), e.getMessage());
        Path noSummary = tmp.resolve("data");
        Files.createDirectory(noSummary);
        Files.writeString(noSummary.resolve("measurements.csv"), "a,b\n");
        e = assertThrows(IllegalArgumentException.class, () -> new AtomicDirectory(noSummary));
        assertTrue(e.getMessage().contains("it has no summary.json"), e.getMessage());
        assertTrue(Files.exists(noSummary.resolve("measurements.csv")));
    }

    @Test
    void shouldRefuseAnOutputIntoADirectoryWithFilesOfItsOwnBeforeRunning(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("work");
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("thesis.tex"), "keep me");
        RunCommandTest.Result r = RunCommandTest.cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5",
                "--quiet", "--out", dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(dir + ": is a directory that is not the output of an earlier run (it holds"
                + " 'thesis.tex')"), r.err());
        assertEquals("keep me", Files.readString(dir.resolve("thesis.tex")));
        assertEquals(1, entries(dir));
    }

    /**
     * Two runs into one --out both ended well and the last silently replaced the other's outputs. A run now refuses a
     * target whose staging directory belongs to a live process, and deletes one whose process is gone.
     */
    @Test
    void shouldRefuseATargetAnotherLiveProcessIsWriting(@TempDir Path dir) throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path busy = Files.createDirectory(dir.resolve(".out.partial-" + other.pid() + "-4242"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AtomicDirectory(dir.resolve("out")));
            assertEquals(dir.resolve("out") + ": another run (process " + other.pid() + ") is writing this directory"
                    + " now; give another --out, or wait for that run to end", e.getMessage());
            assertTrue(Files.isDirectory(busy), "the other run's staging directory is left alone");
        } finally {
            other.destroyForcibly().waitFor();
        }
        // the same process gone (killed with -9): its staging directory is garbage, deleted, and the run goes on
        try (AtomicDirectory d = new AtomicDirectory(dir.resolve("out"))) {
            assertTrue(d.staging().getFileName().toString().startsWith(".out.partial-" + ProcessHandle.current().pid()
                    + "-"), d.staging().toString());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(1, left.filter(f -> f.getFileName().toString().startsWith(".out.partial-")).count(),
                        "only this run's staging directory");
            }
        }
        assertEquals(-1, AtomicDirectory.writerOf("1234567890"), "a staging name from before holds no process id");
        assertEquals(77, AtomicDirectory.writerOf("77-123"));
    }
}
