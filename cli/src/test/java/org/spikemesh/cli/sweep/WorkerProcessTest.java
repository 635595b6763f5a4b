package org.spikemesh.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cluster.hz.HazelcastRunner;
import org.spikemesh.cluster.sweep.PointJob;
import org.spikemesh.cluster.sweep.SerialRunner;
import org.spikemesh.cluster.sweep.SweepFile;
import org.spikemesh.cluster.sweep.SweepPlan;

/**
 * A {@code spikemesh worker} in its own JVM joins a sweep and is killed with SIGKILL mid-sweep: every point still
 * comes back exactly once, equal to the serial run. Slow (a JVM start and a cluster join), so tagged.
 */
@Tag("slow")
@Timeout(180)
class WorkerProcessTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoseNoPointWhenAWorkerProcessIsKilled() throws Exception {
        String text = "format: spikemesh-sweep/1\nnetwork: {builtin: cuba, neurons: 400}\nchip: loihi-like\nsteps: 3000\n"
                + "grid:\n  core.max_neurons: [50, 100, 200, 400]\n  seed: [1, 2, 3, 4]\n";
        List<PointJob> jobs = SweepPlan.points(SweepFile.load(Files.writeString(dir.resolve("w.yaml"), text)));
        Map<Integer, String> serial = new TreeMap<>();
        new SerialRunner().run(jobs, (j, line) -> serial.put(j.index(), line));
        String name = "test-" + UUID.randomUUID();
        try (HazelcastRunner r = HazelcastRunner.start(name, 0, 1, 1)) {
            Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.spikemesh.cli.Main", "worker",
                    "--join", r.address(), "--cluster", name, "--threads", "1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (r.members().get(0).getCluster().getMembers().size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(2, r.members().get(0).getCluster().getMembers().size(), "the worker joined: "
                        + Files.readString(dir.resolve("worker.log")));
                Map<Integer, String> out = new TreeMap<>();
                r.run(jobs, (j, line) -> {
                    assertEquals(null, out.put(j.index(), line), "point " + j.index() + " twice");
                    if (out.size() == 3) {
                        worker.destroyForcibly();
                    }
                });
                assertEquals(serial, out);
                assertTrue(r.rerun() >= 1, "the killed worker's points ran here: " + r.rerun());
            } finally {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertTrue(new File(dir.toFile(), "worker.log").exists());
    }
}
