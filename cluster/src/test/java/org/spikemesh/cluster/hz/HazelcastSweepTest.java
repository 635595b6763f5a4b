package org.spikemesh.cluster.hz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.cluster.sweep.PointJob;
import org.spikemesh.cluster.sweep.SerialRunner;
import org.spikemesh.cluster.sweep.SweepFile;
import org.spikemesh.cluster.sweep.SweepFiles;
import org.spikemesh.cluster.sweep.SweepPlan;

/** Sweeps on embedded members on loopback: the same results as a serial run, and no point lost to a member leaving. */
@Timeout(120)
class HazelcastSweepTest {
    @TempDir
    static Path dir;
    private static List<PointJob> jobs;
    private static Map<Integer, String> serial;

    @BeforeAll
    static void serialReference() {
        jobs = SweepPlan.points(SweepFile.load(SweepFiles.write(dir, "s.yaml", SweepFiles.sixteen(400))));
        serial = collect(new SerialRunner(), jobs);
    }

    private static Map<Integer, String> collect(org.spikemesh.cluster.sweep.PointRunner r, List<PointJob> js) {
        Map<Integer, String> out = new TreeMap<>();
        r.run(js, (j, line) -> assertEquals(null, out.put(j.index(), line), "point " + j.index() + " twice"));
        return out;
    }

    private static String cluster() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void shouldGiveTheSerialResultsOnTwoMembers() {
        assertTrue(jobs.size() >= 16);
        try (HazelcastRunner r = HazelcastRunner.start(cluster(), 0, 2, 1)) {
            assertEquals(2, r.members().get(0).getCluster().getMembers().size());
            assertEquals(serial, collect(r, jobs));
        }
    }

    @Test
    void shouldRunThePointsOfAMemberThatDiesOnAnotherExactlyOnce() {
        try (HazelcastRunner r = HazelcastRunner.start(cluster(), 0, 2, 1)) {
            Map<Integer, String> out = new TreeMap<>();
            List<Integer> order = new ArrayList<>();
            r.run(jobs, (j, line) -> {
                assertEquals(null, out.put(j.index(), line), "point " + j.index() + " twice");
                order.add(j.index());
                if (order.size() == 3) {
                    r.members().get(1).getLifecycleService().terminate();
                }
            });
            assertEquals(serial, out);
            assertTrue(r.rerun() >= 1, "the dead member had points in flight, run again elsewhere: " + r.rerun());
            assertEquals(1, r.members().get(0).getCluster().getMembers().size());
        }
    }

    @Test
    void shouldLetAWorkerJoinAndLeaveWhenTheSweepEnds() throws Exception {
        String name = cluster();
        HazelcastRunner r = HazelcastRunner.start(name, 0, 1, 1);
        try {
            Worker w = Worker.join(name, List.of(r.address()), 0, 1);
            Thread t = new Thread(w::awaitSweepEnd, "test-worker");
            t.start();
            assertEquals(2, w.members().size());
            assertEquals(serial, collect(r, jobs));
            r.close();
            t.join(15_000);
            assertTrue(!t.isAlive(), "the worker leaves once the sweep's members are gone");
        } finally {
            r.close();
        }
    }

    @Test
    void shouldLogWorkersJoiningAndLeaving() throws Exception {
        String name = cluster();
        java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HazelcastRunner r = HazelcastRunner.start(name, 0, 1, 1)) {
            r.logMembership(log::add);
            com.hazelcast.core.HazelcastInstance extra = Members.start(name, 0, List.of(r.address()), 1, false);
            String address = Members.address(extra);
            extra.getLifecycleService().shutdown();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (log.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(2, log.size(), log.toString());
            assertTrue(log.get(0).contains(address) && log.get(0).contains("joined (2 members)"), log.get(0));
            assertTrue(log.get(1).contains(address) && log.get(1).contains("left (1 members)"), log.get(1));
        }
    }

    @Test
    void shouldRefuseToJoinWhereNoSweepAnswers() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Worker.join(cluster(), List.of("127.0.0.1:1"), 0, 1));
        assertTrue(e.getMessage().startsWith("no sweep '"), e.getMessage());
    }
}
