package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spikemesh run --partitions 2}: the coordinator starts a real follower JVM and the outputs equal the
 * one-process run file for file (summary.json apart from wall time and the partitions entry); a follower process that
 * dies mid-run ends the run within seconds with an error naming it, and no output directory is left.
 */
class PartitionedRunCommandTest {
    private static final List<String> FILES = List.of("spikes.csv", "core_counters.csv", "core_counters_by_step.csv",
            "energy_per_step.csv", "time_per_step.csv", "latency_histogram.csv", "link_loads.csv",
            "link_loads_by_step.csv", "cuba.v.csv");

    private static Path network(Path dir) throws IOException {
        Path f = dir.resolve("cuba.yaml");
        Files.copy(Path.of("../examples/networks/cuba_4000.yaml"), f);
        return f;
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"ipc", "udp"})
    void shouldWriteWhatTheOneProcessRunWrites(String transport, @TempDir Path dir) throws IOException {
        Path net = network(dir);
        String[] common = {"run", net.toString(), "--backend", "chip", "--steps", "120", "--threads", "1",
            "--record", "cuba.v", "--quiet"};
        RunCommandTest.Result one = RunCommandTest.cli(concat(common, "--out", dir.resolve("one").toString()));
        assertEquals(0, one.code(), one.err());
        RunCommandTest.Result two = RunCommandTest.cli(concat(common, "--partitions", "2", "--transport", transport,
                "--out", dir.resolve("two").toString()));
        assertEquals(0, two.code(), two.err());
        for (String f : FILES) {
            assertEquals(Files.readString(dir.resolve("one").resolve(f)), Files.readString(dir.resolve("two")
                    .resolve(f)), f);
        }
        String a = Files.readString(dir.resolve("one/summary.json")).replaceAll("\"(loop_)?wall_seconds\" : [0-9.E-]+", "");
        String b = Files.readString(dir.resolve("two/summary.json")).replaceAll("\"(loop_)?wall_seconds\" : [0-9.E-]+", "")
                .replaceAll("(?s),\\s*\"partitions\" : \\{[^}]*\\}", "");
        assertEquals(a, b);
        assertTrue(Files.readString(dir.resolve("two/spikes.csv")).lines().count() > 100, "the network must spike");
    }

    @Test
    void shouldNameAFollowerThatDies(@TempDir Path dir) throws Exception {
        Path net = network(dir);
        CompletableFuture<RunCommandTest.Result> run = CompletableFuture.supplyAsync(() -> RunCommandTest.cli("run",
                net.toString(), "--backend", "chip", "--steps", "2000000", "--threads", "1", "--quiet",
                "--partitions", "2", "--out", dir.resolve("out").toString()));
        ProcessHandle follower = awaitFollower();
        Thread.sleep(8000);
        assertFalse(run.isDone(), "the run must still be going when its follower dies");
        long killed = System.nanoTime();
        follower.destroyForcibly();
        RunCommandTest.Result r = run.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("partition 1") && r.err().contains("exited with code"), r.err());
        assertTrue(seconds < 10, "the run must end within seconds of the loss, took " + seconds + " s");
        assertFalse(Files.exists(dir.resolve("out")), "no half-written output");
    }

    /**
     * A follower started by the coordinator and stopped (SIGSTOP, as Ctrl-Z does to a job) before it joins: the
     * coordinator's wait ends at the join limit (4 s here) with a message that said only "every partition must be
     * running"; it now also says what became of the process it started, and how to resume it.
     */
    @Test
    void shouldSayThatAFollowerThatDidNotJoinIsStopped(@TempDir Path dir) throws Exception {
        Path net = network(dir);
        System.setProperty("spikemesh.partition.join-seconds", "4");
        ProcessHandle follower = null;
        try {
            CompletableFuture<RunCommandTest.Result> run = CompletableFuture.supplyAsync(() -> RunCommandTest.cli(
                    "run", net.toString(), "--backend", "chip", "--steps", "100", "--threads", "1", "--quiet",
                    "--partitions", "2", "--out", dir.resolve("out").toString()));
            follower = awaitFollower();
            // stopped well before it can have read and compiled the network and joined
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(follower.pid())).inheritIO().start()
                    .waitFor());
            RunCommandTest.Result r = run.get(60, TimeUnit.SECONDS);
            assertEquals(2, r.code(), r.err());
            long pid = follower.pid();
            assertTrue(r.err().contains("partition 0 waited 4 s for partition 1 (") && r.err().contains(
                    "; partition 1: its process " + pid + ", started here, is alive but stopped (by a SIGSTOP or"
                    + " Ctrl-Z; kill -CONT " + pid + " resumes it)"), r.err());
            assertFalse(Files.exists(dir.resolve("out")), "no output directory");
        } finally {
            System.clearProperty("spikemesh.partition.join-seconds");
            if (follower != null) {
                follower.destroyForcibly();
            }
        }
    }

    /** @return the follower process the coordinator of a run in this JVM started, found within 60 s (every 10 ms) */
    private static ProcessHandle awaitFollower() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            java.util.Optional<ProcessHandle> f = ProcessHandle.current().children().filter(p -> p.info().arguments()
                    .map(a -> String.join(" ", a).contains("--partition-index")).orElse(false)).findFirst();
            if (f.isPresent()) {
                return f.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the coordinator must start a follower process");
    }

    @Test
    void shouldTellAMistakeEveryPartitionFindsOnce(@TempDir Path dir) {
        // lif_dense_lif maps to 2 cores: 3 partitions are too many. The coordinator finds it after its compile,
        // before it starts any follower (it started them first, and each found it too); the user reads it once
        RunCommandTest.Result r = RunCommandTest.cli("run", "../examples/networks/lif_dense_lif.yaml", "--steps", "5",
                "--backend", "chip", "--partitions", "3", "--quiet", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("spikemesh run: the network maps to 2 core(s); it can be split into at most 2 partitions,"
                + " not 3"), r.err().lines().toList());
        assertFalse(Files.exists(dir.resolve("o")), "no output directory");
    }

    /**
     * The coordinator opens the transport but starts no follower process until asked, once it has checked the split:
     * --partitions 30 on a 2-core network started 29 JVMs, each loading and compiling the network, before the error.
     */
    @Test
    void shouldStartNoFollowerBeforeTheSplitIsChecked() throws Exception {
        try (PartitionSetup split = PartitionSetup.coordinator(3, org.spikemesh.cluster.multichip.Transport.IPC,
                List.of(), List.of("run", "--help"))) {
            assertEquals(0, split.started(), "no follower started yet");
            split.startFollowers();
            assertEquals(2, split.started(), "partitions 1 and 2 started");
            split.startFollowers();
            assertEquals(2, split.started(), "started once");
        }
    }

    /**
     * A coordinator killed with -9 left its media driver's directory (47 MB in /dev/shm) for good. The next partitioned
     * run deletes those older than a minute whose driver is not alive; a young one, and anything else, stays.
     */
    @Test
    void shouldDeleteTheDriverDirectoriesOfKilledRuns(@TempDir Path dir) throws IOException {
        Path stale = Files.createDirectories(dir.resolve("spikemesh-aeron-old").resolve("publications"));
        Files.writeString(stale.resolve("0-1.logbuffer"), "x");
        Path old = dir.resolve("spikemesh-aeron-old");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 2 * PartitionSetup.STALE_MILLIS));
        Path young = Files.createDirectory(dir.resolve("spikemesh-aeron-young"));
        Path other = Files.createDirectory(dir.resolve("someone-else"));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(1, PartitionSetup.deleteStaleDrivers(dir, System.currentTimeMillis() - PartitionSetup.STALE_MILLIS));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young));
        assertTrue(Files.exists(other));
        // a live driver's directory stays whatever its age (here every directory counts as old)
        Path live = dir.resolve("spikemesh-aeron-live");
        try (io.aeron.driver.MediaDriver driver = org.spikemesh.cluster.multichip.AeronWire.launchDriver(live)) {
            assertEquals(1, PartitionSetup.deleteStaleDrivers(dir, System.currentTimeMillis() + 60_000),
                    "the young one goes now, the live one stays");
            assertTrue(Files.exists(live.resolve("cnc.dat")), "the live driver's directory stays: "
                    + driver.aeronDirectoryName());
        }
    }

    /** bench multichip left its network and every run's outputs in a temp directory after each bench. */
    @Test
    void shouldLeaveNoTempFilesAfterBenchMultichip() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<String>> benches = () -> {
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(tmp)) {
                return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("spikemesh-bench-multichip"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.Set<String> before = benches.get();
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute("bench", "multichip", "--neurons", "2100", "--steps", "20", "--partitions", "2",
                    "--transport", "ipc", "--repeat", "1");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, code, printed.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(printed.toString(java.nio.charset.StandardCharsets.UTF_8).contains("2 processes over ipc"),
                printed.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(before, benches.get(), "no bench directory left in " + tmp);
    }

    @Test
    void shouldExplainBadPartitionOptions(@TempDir Path dir) throws IOException {
        Path net = network(dir);
        String out = dir.resolve("o").toString();
        String[][] cases = {
            {"--partitions", "2"},
            {"--backend", "chip", "--partitions", "0"},
            {"--backend", "chip", "--partitions", "2", "--transport", "tcp"},
            {"--backend", "chip", "--partitions", "2", "--transport", "udp", "--endpoints", "127.0.0.1:40100"},
            {"--backend", "chip", "--partitions", "2", "--transport", "udp", "--endpoints", "a:1,b:x"},
        };
        String[] expected = {"add --backend chip", "--partitions must be >= 1", "valid are ipc, udp",
            "names 1 partition(s) but --partitions is 2", "'b:x' is not HOST:PORT"};
        for (int k = 0; k < cases.length; k++) {
            String[] args = concat(concat(new String[]{"run", net.toString(), "--steps", "5", "--quiet", "--out", out},
                    cases[k]));
            RunCommandTest.Result r = RunCommandTest.cli(args);
            assertEquals(2, r.code(), String.join(" ", cases[k]) + ": " + r.err());
            assertTrue(r.err().contains(expected[k]) && r.err().lines().count() == 1, r.err());
            assertFalse(Files.exists(dir.resolve("o")));
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
