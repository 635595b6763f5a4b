package org.spikemesh.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Process;
import org.spikemesh.process.Var;
import org.spikemesh.simulator.RunListener;

/**
 * Streams a run's spikes to {@code spikes.csv} ({@code step,process,neuron}) and every probed Var to
 * {@code PROCESS.VAR.csv} (a row per step: {@code step,0,1,...}), and counts spikes per process.
 */
final class RunRecorder implements RunListener, AutoCloseable {
    private final BufferedWriter spikes;
    private final Map<Var, BufferedWriter> traces = new LinkedHashMap<>();
    private final Map<String, Long> spikeCounts = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder(256);
    private long totalSpikes;

    RunRecorder(Path dir, List<Var> probes, List<Process> spiking) throws IOException {
        this.spikes = Files.newBufferedWriter(dir.resolve("spikes.csv"), StandardCharsets.UTF_8);
        spikes.write("step,process,neuron\n");
        for (Process p : spiking) {
            spikeCounts.put(p.name(), 0L);
        }
        for (Var v : probes) {
            BufferedWriter w = Files.newBufferedWriter(dir.resolve(fileName(v)), StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder("step");
            for (int i = 0; i < v.size(); i++) {
                h.append(',').append(i);
            }
            w.write(h.append('\n').toString());
            traces.put(v, w);
        }
    }

    static String fileName(Var v) {
        return v.owner().name().replace('/', '~') + "." + v.name() + ".csv";
    }

    @Override
    public void spikes(int step, Process process, int[] neurons, int count) {
        if (count == 0) {
            return;
        }
        spikeCounts.merge(process.name(), (long) count, Long::sum);
        totalSpikes += count;
        try {
            String prefix = step + "," + process.name() + ",";
            for (int i = 0; i < count; i++) {
                spikes.write(prefix);
                spikes.write(Integer.toString(neurons[i]));
                spikes.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void values(int step, Var var, double[] values) {
        line.setLength(0);
        line.append(step);
        for (double v : values) {
            line.append(',');
            // whole numbers as integers; a Var of fractions (a Poisson source's rate) as it is, in fixed-point runs
            // too (every value of a fixed-point run was cut to an integer: a rate of 0.05 was written as 0)
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                line.append((long) v);
            } else {
                line.append(v);
            }
        }
        line.append('\n');
        try {
            traces.get(var).write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Long> spikeCounts() {
        return spikeCounts;
    }

    long totalSpikes() {
        return totalSpikes;
    }

    /** Flushes every file so the summary can be written after them. */
    void flush() throws IOException {
        spikes.flush();
        for (BufferedWriter w : traces.values()) {
            w.flush();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BufferedWriter w : traces.values()) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        spikes.close();
        if (first != null) {
            throw first;
        }
    }
}
