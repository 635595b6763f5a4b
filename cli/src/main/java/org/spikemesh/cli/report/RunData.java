package org.spikemesh.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's output directory as read back: summary.json, spikes.csv, the recorded Vars (PROCESS.VAR.csv) and, for chip
 * runs, time_per_step.csv, energy_per_step.csv, core_counters.csv, link_loads.csv, routes.csv and
 * latency_histogram.csv. Missing optional files give empty tables; a missing summary.json is an error naming the
 * directory.
 */
public final class RunData {
    final Path dir;
    final JsonNode summary;
    /** spikes by process: parallel lists of step and neuron. */
    final Map<String, int[][]> spikes = new LinkedHashMap<>();
    final Map<String, List<double[]>> traces = new LinkedHashMap<>();
    final List<String[]> timePerStep;
    final List<String[]> energyPerStep;
    /**
     * the kinds of energy_per_step.csv's columns after energy_pj, without their "_pj" (none in the outputs of versions
     * before them).
     */
    final List<String> energyKinds;
    final List<String[]> cores;
    final List<String[]> links;
    final List<String[]> routes;
    final List<String[]> latency;
    int steps;

    private RunData(Path dir) throws IOException {
        this.dir = dir;
        Path s = dir.resolve("summary.json");
        if (!Files.isRegularFile(s)) {
            throw new IllegalArgumentException(dir + ": no summary.json; give the --out directory of a spikemesh run");
        }
        this.summary = new ObjectMapper().readTree(s.toFile());
        this.steps = summary.path("steps").asInt();
        readSpikes(dir.resolve("spikes.csv"));
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".csv") && name.indexOf('.') < name.lastIndexOf('.')) {
                    traces.put(name.substring(0, name.length() - 4).replace('~', '/'), readTrace(p));
                }
            }
        }
        this.timePerStep = table(dir.resolve("time_per_step.csv"));
        List<String> energyHeader = new ArrayList<>();
        this.energyPerStep = table(dir.resolve("energy_per_step.csv"), energyHeader);
        this.energyKinds = energyKinds(energyHeader);
        this.cores = table(dir.resolve("core_counters.csv"));
        this.links = table(dir.resolve("link_loads.csv"));
        this.routes = table(dir.resolve("routes.csv"));
        this.latency = table(dir.resolve("latency_histogram.csv"));
    }

    /**
     * @param dir a run's output directory
     * @return its data
     * @throws IOException when a file cannot be read
     */
    public static RunData load(Path dir) throws IOException {
        return new RunData(dir);
    }

    /** @return true when the run was on the chip engine */
    boolean onChip() {
        return summary.has("chip");
    }

    private void readSpikes(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return;
        }
        Map<String, List<int[]>> by = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int a = line.indexOf(',');
                int b = line.lastIndexOf(',');
                if (a < 0 || b <= a) {
                    continue;
                }
                by.computeIfAbsent(line.substring(a + 1, b), k -> new ArrayList<>())
                        .add(new int[]{Integer.parseInt(line.substring(0, a)), Integer.parseInt(line.substring(b + 1))});
            }
        }
        for (Map.Entry<String, List<int[]>> e : by.entrySet()) {
            int[][] sn = new int[2][e.getValue().size()];
            for (int i = 0; i < sn[0].length; i++) {
                sn[0][i] = e.getValue().get(i)[0];
                sn[1][i] = e.getValue().get(i)[1];
            }
            spikes.put(e.getKey(), sn);
        }
    }

    private static List<double[]> readTrace(Path p) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Double.parseDouble(f[i]);
                }
                rows.add(v);
            }
        }
        return rows;
    }

    /** @return the kinds named by the columns of energy_per_step.csv's header after its total, energy_pj */
    private static List<String> energyKinds(List<String> header) {
        List<String> kinds = new ArrayList<>();
        for (String name : header.subList(Math.min(2, header.size()), header.size())) {
            kinds.add(name.endsWith("_pj") ? name.substring(0, name.length() - 3) : name);
        }
        return kinds;
    }

    private static List<String[]> table(Path p) throws IOException {
        return table(p, new ArrayList<>());
    }

    /** @return the rows of a CSV file (none when there is no such file), its header's names added to header */
    private static List<String[]> table(Path p, List<String> header) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(p)) {
            return rows;
        }
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String names = r.readLine();
            if (names != null) {
                header.addAll(List.of(names.split(",")));
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }
}
