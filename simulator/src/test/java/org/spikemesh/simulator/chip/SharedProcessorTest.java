package org.spikemesh.simulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.compiler.CompileOptions;
import org.spikemesh.compiler.Compiler;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.nets.Cuba;
import org.spikemesh.simulator.RunConfig;

/**
 * Both threads of a 2-thread engine on one processor, as the operating system sometimes places them: a JVM pinned to
 * processor 0 with {@code taskset} and told it has two ({@code -XX:ActiveProcessorCount=2}), so that its shards spin
 * while they wait as they do on two processors. The waiting shard must find the other on its own processor and yield
 * to it rather than spin (see {@code Shard#sharing}), and the run must equal a 1-thread run. Each shard waits for the
 * other's batch at every step, and the other can only run while the waiting one yields: so on at least half of the
 * steps a yield must find the batch there after the other ran. With the property off, no yield is timed.
 */
@Timeout(120)
class SharedProcessorTest {
    private static final int STEPS = 300;

    @TempDir
    Path dir;

    @Test
    void shouldYieldToTheOtherShardOnItsOwnProcessorAndKeepTheResults() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "needs taskset (Linux)");
        List<String> on = child(true);
        List<String> off = child(false);
        for (List<String> out : List.of(on, off)) {
            assertEquals(out.get(0), out.get(1), "2 threads on one processor against 1 thread: " + out);
        }
        long[] sharedOn = yields(on);
        assertTrue(sharedOn[0] >= STEPS / 2, "yields that found the other shard here: " + sharedOn[0] + " of "
                + sharedOn[1] + " in " + STEPS + " steps");
        assertTrue(sharedOn[1] >= sharedOn[0]);
        assertEquals(List.of(0L, 0L), List.of(yields(off)[0], yields(off)[1]), "no yield timed with the property off");
    }

    private static long[] yields(List<String> out) {
        String[] f = out.get(2).split(" ");
        return new long[]{Long.parseLong(f[0]), Long.parseLong(f[1])};
    }

    /** Runs {@link Pinned} in a JVM on processor 0 and returns its lines. */
    private List<String> child(boolean yieldWhenSharing) throws Exception {
        Path log = dir.resolve("child-" + yieldWhenSharing + ".log");
        Process p = new ProcessBuilder("/usr/bin/taskset", "-c", "0",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:ActiveProcessorCount=2", "-D" + BatchWait.YIELD_WHEN_SHARING_PROPERTY + "=" + yieldWhenSharing,
                "-cp", System.getProperty("java.class.path"), Pinned.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(100, TimeUnit.SECONDS), "the pinned run ended");
            List<String> lines = Files.readAllLines(log);
            assertEquals(0, p.exitValue(), String.join("\n", lines));
            assertEquals(3, lines.size(), String.join("\n", lines));
            return lines;
        } finally {
            p.destroyForcibly();
        }
    }

    /** The child: prints the results of 2 threads, of 1 thread, and the shared and timed yields of the 2 threads. */
    public static final class Pinned {
        private Pinned() {
        }

        public static void main(String[] args) {
            if (Runtime.getRuntime().availableProcessors() != 2) {
                throw new IllegalStateException("expected 2 processors, got " + Runtime.getRuntime().availableProcessors());
            }
            ProcessGraph g = Cuba.build(800, 5).graph();
            ChipProgram program = Compiler.compile(g, ChipEngineEquivalenceTest.tinyCores(
                    ChipConfigs.preset("loihi-like"), 50), CompileOptions.defaults()).program();
            String two;
            long[] shared;
            try (ChipEngine e = new ChipEngine(g, program, RunConfig.defaults(), 2)) {
                e.run(STEPS);
                two = results(e);
                shared = e.diagnostics().sharedYields();
            }
            try (ChipEngine e = new ChipEngine(g, program, RunConfig.defaults(), 1)) {
                e.run(STEPS);
                System.out.println(two);
                System.out.println(results(e));
            }
            System.out.println(shared[0] + " " + shared[1]);
        }

        private static String results(ChipEngine e) {
            Accounts a = e.accounts();
            return a.spikes() + " " + a.synops() + " " + a.timeNs() + " " + a.energyByKind().get("total");
        }
    }
}
