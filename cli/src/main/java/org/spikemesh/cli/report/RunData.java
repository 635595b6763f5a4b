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
        this.summary = readSummary(s);
        this.steps = summary.get("steps").asInt();
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

    /** The format tag of the summary.json a run writes. */
    static final String SUMMARY_FORMAT = "spikemesh-summary/1";

    /**
     * @param file a run's summary.json
     * @return its content: a JSON object with "format": {@value #SUMMARY_FORMAT} and a whole "steps" &gt;= 0
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    static JsonNode readSummary(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + "); the run that wrote it did not finish, or it was changed", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": " + (root == null || root.isMissingNode() ? "is empty"
                    : "is not a JSON object") + "; a run's summary.json is an object with \"format\": \""
                    + SUMMARY_FORMAT + "\"");
        }
        String format = root.path("format").asText("");
        if (!SUMMARY_FORMAT.equals(format)) {
            throw new IllegalArgumentException(file + ": \"format\" is " + (root.has("format") ? "'" + format + "'"
                    : "missing") + "; valid is " + SUMMARY_FORMAT + " (the summary of a spikemesh run)");
        }
        if (!root.path("steps").canConvertToInt() || !root.path("steps").isIntegralNumber()
                || root.path("steps").asInt() < 0) {
            throw new IllegalArgumentException(file + ": \"steps\" must be a whole number >= 0, got "
                    + root.path("steps"));
        }
        return root;
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
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int a = line.indexOf(',');
                int b = line.lastIndexOf(',');
                int[] sn = b > a && a >= 0 ? spike(line.substring(0, a), line.substring(b + 1)) : null;
                if (sn == null) {
                    throw new IllegalArgumentException(p + ":" + lineNo + ": '" + line + "' is not a row"
                            + " step,process,neuron (step >= 1 and neuron >= 0, whole numbers)");
                }
                by.computeIfAbsent(line.substring(a + 1, b), k -> new ArrayList<>()).add(sn);
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

    /** @return {step, neuron}, or null when either is not a whole number in range */
    private static int[] spike(String step, String neuron) {
        try {
            int[] sn = {Integer.parseInt(step), Integer.parseInt(neuron)};
            return sn[0] >= 1 && sn[1] >= 0 ? sn : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<double[]> readTrace(Path p) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            r.readLine();
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (!line.isEmpty()) {
                    rows.add(traceRow(p, lineNo, line));
                }
            }
        }
        return rows;
    }

    /** @return a row of a recorded Var's CSV file: the step, then a number per element */
    private static double[] traceRow(Path p, int lineNo, String line) {
        String[] f = line.split(",");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p + ":" + lineNo + ": column " + (i + 1) + ": '" + f[i] + "' is not"
                        + " a number; a recorded Var's rows are step,value,value...", e);
            }
        }
        return v;
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
