package org.spikemesh.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;
import org.spikemesh.process.lib.CubaNeuron;
import org.spikemesh.process.nir.NirDataWriter;
import org.spikemesh.process.nir.NirModel;
import org.spikemesh.simulator.RunListener;

/**
 * {@code spikemesh run model.nir --output-data FILE}: collects the spikes of the processes each top-level NIR Output
 * node shows (several processes are concatenated in order) and writes them as a NIRGraphData file, one node per
 * Output with its observable {@code spikes} ({@link NirDataWriter}). An Output that is a non-spiking readout has no
 * spikes and is left out, with a warning.
 */
final class NirOutputData implements RunListener {
    private record Part(String output, int offset) {
    }

    private final Map<String, Part> parts = new HashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Map<String, List<int[]>> events = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    NirOutputData(NirModel model, ProcessGraph graph) {
        for (Map.Entry<String, List<String>> o : model.outputs().entrySet()) {
            boolean spiking = true;
            for (String name : o.getValue()) {
                spiking &= graph.process(name).outPorts().containsKey("s_out");
            }
            if (!spiking) {
                warnings.add("Output '" + o.getKey() + "' shows a non-spiking " + CubaNeuron.TYPE + " (a voltage, no"
                        + " spikes) and is left out of the output data; record its v with --record");
                continue;
            }
            int offset = 0;
            for (String name : o.getValue()) {
                parts.put(name, new Part(o.getKey(), offset));
                offset += graph.process(name).outPort("s_out").size();
            }
            sizes.put(o.getKey(), offset);
            events.put(o.getKey(), new ArrayList<>());
        }
    }

    /** @return Outputs left out, one line each */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public synchronized void spikes(int step, Process process, int[] neurons, int count) {
        Part p = parts.get(process.name());
        if (p == null) {
            return;
        }
        List<int[]> e = events.get(p.output());
        for (int i = 0; i < count; i++) {
            e.add(new int[]{step, p.offset() + neurons[i]});
        }
    }

    synchronized void write(Path file, double dt, int steps) throws java.io.IOException {
        Map<String, NirDataWriter.Events> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, List<int[]>> e : events.entrySet()) {
            List<int[]> list = e.getValue();
            list.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            int[] s = new int[list.size()];
            int[] idx = new int[list.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = list.get(i)[0];
                idx[i] = list.get(i)[1];
            }
            nodes.put(e.getKey(), new NirDataWriter.Events(sizes.get(e.getKey()), s, idx));
        }
        AtomicFiles.write(file, tmp -> NirDataWriter.write(tmp, nodes, dt, steps));
    }
}
