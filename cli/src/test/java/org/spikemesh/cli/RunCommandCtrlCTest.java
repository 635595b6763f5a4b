package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code spikemesh run --backend chip}, as a user gives it: SIGINT to the process. The run must stop
 * after the chunk of steps in progress, write every output for the steps it did, and exit. Its outputs must equal
 * those of a run asked for exactly that many steps from the start: a run stopped at step k is a run of k steps.
 */
class RunCommandCtrlCTest {

    /** --steps of the run that is stopped: it would take hours, so only Ctrl-C ends it. */
    private static final int STEPS = 2_000_000_000;
    /** the run's chunk, min(1000, steps / 100) steps: Ctrl-C takes effect between chunks. */
    private static final int CHUNK = 1000;

    /**
     * On 1 and 2 threads: lif_dense_lif maps to 2 cores (lif1 and lif2), so 2 threads make 2 shards, and Ctrl-C must
     * stop a run whose second shard runs on a worker thread as cleanly as a run on one thread.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "--threads {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void shouldWriteTheOutputsOfTheStepsDoneWhenStoppedWithCtrlC(int threads, @TempDir Path dir) throws Exception {
        Path network = networkToStop(dir);
        Path stopped = dir.resolve("stopped");
        Path report = dir.resolve("stopped.html");
        Path log = dir.resolve("stopped.log");
        Process p = new ProcessBuilder(run(network, STEPS, threads, stopped, "--report", report.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitStepping(p, dir, log);
            ctrlC(p, 120);
        } finally {
            p.destroyForcibly();
        }
        JsonNode summary = new ObjectMapper().readTree(stopped.resolve("summary.json").toFile());
        int done = summary.get("steps").asInt();
        assertTrue(done > 0 && done < STEPS, "steps done: " + done);
        assertEquals(threads, summary.get("threads").asInt(), "the engine's shards (threads used)");
        assertEquals(0, done % CHUNK, "Ctrl-C takes effect between chunks of " + CHUNK + " steps");
        assertEquals("stopped by the user after step " + done + " of " + STEPS, summary.get("interrupted").asText());
        assertTrue(Files.readString(report).contains("stopped by the user after step " + done),
                "the report says the run was stopped");
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(f -> f.getFileName().toString().contains(".partial-")),
                    "no staging directory is left");
        }

        // the same network run for exactly the steps done, to the end, on as many threads
        Path whole = dir.resolve("whole");
        Process q = new ProcessBuilder(run(network, done, threads, whole)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("whole.log").toFile()).start();
        assertTrue(q.waitFor(300, TimeUnit.SECONDS), "the run of " + done + " steps did not end");
        assertEquals(0, q.exitValue(), Files.readString(dir.resolve("whole.log")));
        for (String f : List.of("spikes.csv", "lif2.v.csv", "time_per_step.csv", "energy_per_step.csv",
                "core_counters.csv", "link_loads.csv", "latency_histogram.csv")) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(stopped.resolve(f)), f);
        }
        JsonNode chip = summary.get("chip");
        JsonNode wholeChip = new ObjectMapper().readTree(whole.resolve("summary.json").toFile()).get("chip");
        for (String field : List.of("simulated_time_ns", "energy_pj", "counts", "step_time_ns", "critical",
                "message_latency_ns")) {
            assertEquals(wholeChip.get(field), chip.get(field), "summary.json chip." + field);
        }
        // one trace row per step done, after the header
        assertEquals(done + 1, Files.readAllLines(stopped.resolve("lif2.v.csv")).size());
    }

    /**
     * A terminal's Ctrl-C goes to the whole process group, the follower partitions the coordinator started included:
     * they died with it, and the coordinator ended the run with "partition 1 ... was lost" and wrote nothing. Now the
     * followers ignore it, the coordinator stops after its chunk and writes the outputs of the steps done.
     */
    @Test
    void shouldWriteThePartitionedRunWhenCtrlCReachesTheWholeProcessGroup(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid to signal a process group");
        Path network = networkToStop(dir);
        Path stopped = dir.resolve("stopped");
        Path log = dir.resolve("stopped.log");
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/setsid"));
        cmd.addAll(run(network, STEPS, stopped, "--partitions", "2"));
        // setsid started from here is not a group leader: it execs the JVM, whose pid is then the group's id
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitStepping(p, dir, log);
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end within 120 s of Ctrl-C");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(stopped.resolve("summary.json")), "outputs written: " + Files.readString(log));
        JsonNode summary = new ObjectMapper().readTree(stopped.resolve("summary.json").toFile());
        int done = summary.get("steps").asInt();
        assertTrue(done > 0 && done < STEPS, "steps done: " + done);
        assertEquals("stopped by the user after step " + done + " of " + STEPS, summary.get("interrupted").asText());
        assertEquals(done + 1, Files.readAllLines(stopped.resolve("lif2.v.csv")).size());
    }

    /**
     * An error after Ctrl-C (here a file put where the report's directory was, during the run) was cut off in 3 of 8
     * tries: the hook let the JVM exit when the run's outputs were written, before the error was printed. Now it holds
     * the exit until the command's last line.
     */
    @Test
    void shouldPrintAnErrorThatComesAfterCtrlC(@TempDir Path dir) throws Exception {
        Path network = networkToStop(dir);
        Path gone = Files.createDirectory(dir.resolve("gone"));
        Path log = dir.resolve("stopped.log");
        Process p = new ProcessBuilder(run(network, STEPS, dir.resolve("stopped"), "--report",
                gone.resolve("r.html").toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitStepping(p, dir, log);
            // a file where the report's directory was (a missing directory would be made again)
            Files.delete(gone);
            Files.writeString(gone, "x");
            ctrlC(p, 120);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.readString(log).contains("r.html: cannot be written (" + gone
                + " is a file, not a directory)"),
                "the error is printed: '" + Files.readString(log) + "'");
    }

    /**
     * Ctrl-C while the network is still being read, before the first step: the process ended at once without a word.
     * Now it says that nothing was run or written, exits as a process stopped by SIGINT does (130), and leaves no
     * --out. The network here is a named pipe that the test opens for writing and writes nothing into, so the run is
     * surely reading it when the signal comes: opening a pipe for writing returns once the run has opened it to read.
     */
    @Test
    @SuppressWarnings("try")
    void shouldSayThatNothingWasRunWhenCtrlCComesBeforeTheFirstStep(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo");
        networkToStop(dir);
        Path pipe = dir.resolve("pipe.yaml");
        assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", pipe.toString()).inheritIO().start().waitFor());
        Path out = dir.resolve("out");
        Path log = dir.resolve("early.log");
        Process p = new ProcessBuilder(run(pipe, 10, out)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try (java.io.OutputStream writer = Files.newOutputStream(pipe)) {
            ctrlC(p, 60);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(130, p.exitValue(), "the exit of a process stopped by SIGINT");
        assertEquals("spikemesh run: stopped before the first step, while reading or compiling " + pipe
                + " and building the run; nothing was run and nothing was written to " + out,
                Files.readString(log).strip());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("early.log", "lif_dense_lif.yaml", "pipe.yaml"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no --out and no staging directory");
        }
    }

    /**
     * Ctrl-C once the engine is built but before the first step: the run wrote a full --out of 0 steps ("stopped by
     * the user after step 0"), where a Ctrl-C a moment earlier writes nothing. Now neither writes. The run is held
     * before its first step (a test property) until the signal comes, once its routes are staged.
     */
    @Test
    void shouldWriteNothingWhenCtrlCComesOnceTheEngineIsBuiltButBeforeTheFirstStep(@TempDir Path dir)
            throws Exception {
        Path network = networkToStop(dir);
        Path out = dir.resolve("out");
        Path log = dir.resolve("held.log");
        List<String> cmd = run(network, 1000, out);
        cmd.add(1, "-D" + RunCommand.HOLD_BEFORE_STEPS_PROPERTY + "=120");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitRoutesStaged(p, dir, log);
            ctrlC(p, 60);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(130, p.exitValue(), "the exit of a process stopped by SIGINT");
        String text = Files.readString(log);
        assertTrue(text.contains("spikemesh run: stopped before the first step, while building the run; nothing was"
                + " run and nothing was written to " + out), text);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("held.log", "lif_dense_lif.yaml"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no --out and no staging directory");
        }
    }

    /** Sends SIGINT to the run, as Ctrl-C does, and waits for it to end within the given seconds. */
    private static void ctrlC(Process p, int seconds) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "the run did not end within " + seconds + " s of Ctrl-C");
    }

    /** Waits until the run has staged its routes (its engine is built), failing if it ends first. */
    private static void awaitRoutesStaged(Process p, Path dir, Path log) throws IOException, InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (!p.isAlive()) {
                fail("the run ended before Ctrl-C: " + Files.readString(log));
            }
            try (Stream<Path> s = Files.walk(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().equals("routes.csv"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        fail("the run staged no routes within 60 s: " + Files.readString(log));
    }

    /** @return a copy of lif_dense_lif.yaml in dir, after checking that kill can send the signals */
    private static Path networkToStop(Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "needs kill to send SIGINT");
        Path network = dir.resolve("lif_dense_lif.yaml");
        Files.copy(Path.of("../examples/networks/lif_dense_lif.yaml"), network);
        return network;
    }

    /** @return the command line of {@code spikemesh run} on the chip on 1 thread (as below) */
    private static List<String> run(Path network, int steps, Path out, String... more) {
        return run(network, steps, 1, out, more);
    }

    /** @return the command line of {@code spikemesh run} on the chip, recording lif2.v, counters every 100 steps */
    private static List<String> run(Path network, int steps, int threads, Path out, String... more) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.spikemesh.cli.Main", "run", network.toString(),
                "--steps", Integer.toString(steps), "--backend", "chip", "--chip", "loihi-like",
                "--threads", Integer.toString(threads),
                "--record", "lif2.v", "--counters-every", "100", "--core-counters-every", "100", "--quiet",
                "--out", out.toString()));
        cmd.addAll(List.of(more));
        return cmd;
    }

    /**
     * Waits until the run steps: its engine is built once the routes are in its staging directory; then a second
     * more, so that some chunks are done.
     */
    private static void awaitStepping(Process p, Path dir, Path log) throws IOException, InterruptedException {
        awaitRoutesStaged(p, dir, log);
        Thread.sleep(1000);
    }

}
