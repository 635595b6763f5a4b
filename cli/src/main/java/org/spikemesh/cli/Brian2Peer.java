package org.spikemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peer of {@code bench cuba --peer brian2}: the same CUBA network (Brian2's own example, N neurons, K inputs per
 * neuron on average, 1 s at dt 0.1 ms for 10 000 steps) in Brian2's C++ standalone mode, on one thread or with OpenMP
 * on several, run by
 * benchmarks/brian2_cuba.py (packed into the launcher's jar) with Debian's {@code /usr/bin/python3} and
 * {@code python3-brian}. It compiles once and runs the binary once per repetition; each repetition's loop time is the
 * binary's own (std::clock of its simulation loop), and its synaptic events are the spikes times the mean synapses out
 * of their population (Brian2's network has other random draws than spikemesh's: the rates compare, the counts do not
 * match one for one).
 */
final class Brian2Peer {
    /** System property: the Python that runs Brian2 (default {@code /usr/bin/python3}, Debian's, where it lives). */
    static final String PYTHON_PROPERTY = "spikemesh.peer.python";
    /** the most a Brian2 run may take, s: its compiling takes 10-60 s here, its loops a few seconds at 64 000 neurons. */
    private static final long MOST_SECONDS = 1800;

    /** The figures of Brian2's repetitions. */
    record Result(String version, int threads, double[] loopSeconds, double[] eventsPerSecond, long spikes,
                  long synapses, double compileSeconds) {
        /** @return the median of the repetitions' synaptic events per second of the loop */
        double medianEventsPerSecond() {
            return RepetitionFigures.median(eventsPerSecond);
        }

        /** @return the median loop time, s */
        double medianLoopSeconds() {
            return RepetitionFigures.median(loopSeconds);
        }

        /** @return the figures by their names in the bench's JSON file */
        Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", threads);
            m.put("loop_s", loopSeconds);
            m.put("loop_median_s", medianLoopSeconds());
            m.put("synaptic_events_per_s", medianEventsPerSecond());
            m.put("spikes", spikes);
            m.put("synapses", synapses);
            m.put("compile_s", compileSeconds);
            return m;
        }
    }

    private Brian2Peer() {
    }

    private static String python() {
        return System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3");
    }

    /**
     * Refuses, before anything is built, a machine where Brian2 cannot run.
     *
     * @throws IllegalArgumentException naming the Python tried and what to install
     */
    static void requireBrian2() {
        String py = python();
        String why;
        try {
            Process p = new ProcessBuilder(py, "-c", "import brian2").redirectErrorStream(true).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (done && p.exitValue() == 0) {
                return;
            }
            why = done ? "cannot import brian2 (" + lastLine(said) + ")" : "did not answer within 120 s";
        } catch (IOException e) {
            why = "cannot be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "was interrupted";
        }
        throw new IllegalArgumentException("--peer brian2: " + py + " " + why + "; install Debian's python3-brian and"
                + " python3-brian-lib (apt-get install python3-brian python3-brian-lib), or leave --peer out");
    }

    /**
     * Runs CUBA in Brian2 standalone.
     *
     * @param dir a directory of its own for the script, the generated code and the outputs
     * @param threads 1 for the plain standalone build, more for OpenMP on that many threads
     * @param quiet no progress bar
     * @return the figures of every repetition
     * @throws IllegalStateException with Brian2's last words when it fails
     */
    static Result run(int neurons, int inputs, int steps, int threads, int repetitions, long seed, Path dir,
                      boolean quiet) throws IOException {
        Path script = dir.resolve("brian2_cuba.py");
        try (InputStream in = Brian2Peer.class.getResourceAsStream("peer/brian2_cuba.py")) {
            if (in == null) {
                throw new IllegalStateException("the Brian2 script is missing from the launcher's jar"
                        + " (org/spikemesh/cli/peer/brian2_cuba.py); rebuild with mvn install");
            }
            Files.copy(in, script);
        }
        Path out = dir.resolve("brian2.jsonl");
        Path err = dir.resolve("brian2.err");
        List<String> cmd = List.of(python(), script.toString(), "--target", "cpp_standalone", "--N",
                String.valueOf(neurons), "--inputs", String.valueOf(inputs), "--duration",
                String.valueOf(steps * 1e-4), "--reps", String.valueOf(repetitions), "--seed", String.valueOf(seed),
                "--threads", String.valueOf(threads == 1 ? 0 : threads), "--outdir", dir.resolve("standalone").toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MOST_SECONDS);
        // the bar counts the repetitions Brian2 has printed; the first comes after its compiling
        try (Progress bar = Progress.start("brian2 " + neurons + " x" + threads, repetitions, "runs", quiet)) {
            while (!p.waitFor(250, TimeUnit.MILLISECONDS)) {
                bar.stepTo(repetitionsPrinted(out));
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Brian2 took more than " + MOST_SECONDS + " s and was stopped");
                }
            }
            bar.stepTo(repetitionsPrinted(out));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Brian2 ran", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Brian2 failed (exit " + p.exitValue() + "): "
                    + lastLine(Files.readString(err, StandardCharsets.UTF_8)));
        }
        return parse(Files.readAllLines(out, StandardCharsets.UTF_8), threads);
    }

    /**
     * @param lines what benchmarks/brian2_cuba.py printed: one JSON object per repetition (other lines are ignored)
     * @param threads the threads Brian2 ran on
     * @return the figures of the repetitions
     * @throws IllegalStateException when no repetition is there
     */
    static Result parse(List<String> lines, int threads) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> reps = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("{")) {
                reps.add(mapper.readTree(l));
            }
        }
        if (reps.isEmpty()) {
            throw new IllegalStateException("Brian2 printed no repetition");
        }
        double[] loops = new double[reps.size()];
        double[] rates = new double[reps.size()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = reps.get(i).path("t_loop").asDouble();
            rates[i] = reps.get(i).path("syn_events_per_s_loop").asDouble();
        }
        JsonNode first = reps.get(0);
        return new Result(first.path("brian2").asText(), threads, loops, rates, first.path("spikes").asLong(),
                first.path("n_syn").asLong(), first.path("t_codegen_compile").asDouble());
    }

    /** @return the repetitions Brian2 has printed so far (its JSON lines) */
    private static long repetitionsPrinted(Path out) throws IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(out, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("{")).count();
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no message" : lines[lines.length - 1].strip();
    }
}
