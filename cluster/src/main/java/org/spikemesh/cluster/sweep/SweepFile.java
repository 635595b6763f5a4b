package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikemesh.chip.ChipConfigException;
import org.spikemesh.chip.ChipConfigs;
import org.spikemesh.process.io.IoErrors;

/** Reads and checks a sweep file (spikemesh-sweep/1); every error is one line naming the file and the field. */
public final class SweepFile {
    /** reads YAML with a key given twice in one mapping as an error (Jackson would keep the last in silence). */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Format tag of sweep files. */
    public static final String FORMAT = "spikemesh-sweep/1";
    private static final int MAX_POINTS = 1_000_000;

    private SweepFile() {
    }

    /**
     * @param file a sweep file
     * @return the sweep
     */
    public static SweepSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SweepException(file + ": file not found");
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read: " + IoErrors.reason(e));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /**
     * @param yaml sweep file text
     * @param source the file name for messages
     * @param dir the directory relative paths are resolved against
     * @return the sweep
     */
    public static SweepSpec parse(String yaml, String source, Path dir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new SweepException(source + at + ": not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        }
        SweepReader top = new SweepReader(source, "", root, Set.of("format", "name", "network", "chip", "steps", "seed",
                "grid", "random", "metrics"));
        String format = top.text("format");
        if (!FORMAT.equals(format)) {
            throw top.fail("format", "'" + format + "' is not supported; valid is " + FORMAT);
        }
        String name = top.has("name") ? top.text("name") : stem(source);
        NetworkSpec net = network(top, dir);
        String chip = top.text("chip");
        String chipYaml = chipText(top, chip, dir);
        int steps = (int) top.integer("steps", 1, Integer.MAX_VALUE);
        long seed = top.has("seed") ? top.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1;
        LinkedHashMap<String, List<JsonNode>> grid = top.has("grid") ? grid(top) : new LinkedHashMap<>();
        SweepReader r = top.has("random") ? top.child("random", Set.of("samples", "seed", "parameters")) : null;
        int samples = r == null ? 1 : (int) r.integer("samples", 1, MAX_POINTS);
        long randomSeed = r == null || !r.has("seed") ? seed : r.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        List<RandomParameter> random = r == null ? List.of() : random(r, grid.keySet());
        long points = samples;
        for (List<JsonNode> v : grid.values()) {
            points *= v.size();
            if (points > MAX_POINTS) {
                throw top.fail("grid", "more than " + MAX_POINTS + " points; valid is at most " + MAX_POINTS);
            }
        }
        return new SweepSpec(source, name, net, chip, chipYaml, steps, seed, grid, samples, randomSeed, random,
                metrics(top));
    }

    private static String stem(String source) {
        String f = Path.of(source).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /**
     * Loads the network file once and checks its processes in the arithmetic its points will run, so that a mistake
     * in it is one line naming the sweep file and the network file before the cluster starts; it was the failure of
     * every point, on whichever member ran it, naming neither file.
     */
    private static void checkNetwork(SweepReader n, Path p) {
        try {
            org.spikemesh.process.ProcessGraph g = org.spikemesh.process.io.NetworkFile.load(p).graph();
            org.spikemesh.process.NumericModel m = org.spikemesh.simulator.reference.ReferenceBackend.resolveModel(g,
                    null);
            for (org.spikemesh.process.Process proc : g.processes()) {
                proc.validate(m);
            }
        } catch (org.spikemesh.process.ModelException e) {
            String msg = e.getMessage();
            throw n.fail("file", msg.startsWith(p.toString()) ? msg : p + ": " + msg);
        }
    }

    private static NetworkSpec network(SweepReader top, Path dir) {
        SweepReader n = top.child("network", Set.of("file", "builtin", "neurons"));
        if (n.has("file") == n.has("builtin")) {
            throw top.fail("network", "give either file: PATH (a spikemesh-network/1 file) or builtin: NAME with"
                    + " neurons: N (built-ins: " + String.join(", ", NetworkSpec.BUILTINS) + ")");
        }
        if (n.has("file")) {
            if (n.has("neurons")) {
                throw n.fail("neurons", "is for built-in networks; a network file gives its own size");
            }
            Path p = dir.resolve(n.text("file")).normalize();
            if (!Files.isRegularFile(p)) {
                throw n.fail("file", p + ": file not found");
            }
            checkNetwork(n, p);
            return new NetworkSpec(null, 0, p.toString());
        }
        String b = n.text("builtin");
        if (!NetworkSpec.BUILTINS.contains(b)) {
            throw n.fail("builtin", "'" + b + "' is not a built-in network; valid are "
                    + String.join(", ", NetworkSpec.BUILTINS));
        }
        return new NetworkSpec(b, (int) n.integer("neurons", 100, 10_000_000), null);
    }

    private static String chipText(SweepReader top, String chip, Path dir) {
        try {
            if (ChipConfigs.presetNames().contains(chip)) {
                return ChipConfigs.presetText(chip);
            }
            Path p = dir.resolve(chip).normalize();
            String text = Files.readString(p, StandardCharsets.UTF_8);
            ChipConfigs.parse(text, p.toString());
            return text;
        } catch (NoSuchFileException e) {
            throw top.fail("chip", "'" + chip + "' is neither a preset (" + String.join(", ", ChipConfigs.presetNames())
                    + ") nor a chip file");
        } catch (IOException e) {
            throw top.fail("chip", "cannot read " + chip + ": " + e.getMessage());
        } catch (ChipConfigException e) {
            throw top.fail("chip", e.getMessage());
        }
    }

    private static LinkedHashMap<String, List<JsonNode>> grid(SweepReader top) {
        JsonNode g = top.get("grid");
        if (!g.isObject() || g.size() == 0) {
            throw top.fail("grid", "must be a mapping of chip paths to lists of values, e.g. core.max_neurons: [64, 128]");
        }
        LinkedHashMap<String, List<JsonNode>> grid = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = g.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "grid." + e.getKey();
            JsonNode v = e.getValue();
            if (!v.isArray() || v.size() == 0) {
                throw top.fail(where, "must be a non-empty list of values");
            }
            List<JsonNode> values = new ArrayList<>();
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode x : v) {
                if (!x.isValueNode()) {
                    throw top.fail(where, "'" + x + "' is not a single value; valid are numbers, true/false or texts");
                }
                if (!seen.add(x)) {
                    throw top.fail(where, "value " + x + " is listed twice; give each value once");
                }
                if (ChipEditor.SEED.equals(e.getKey()) && !x.isIntegralNumber()) {
                    throw top.fail(where, "'" + x.asText() + "' is not valid; seeds are whole numbers");
                }
                values.add(x);
            }
            grid.put(e.getKey(), values);
        }
        return grid;
    }

    private static List<RandomParameter> random(SweepReader r, Set<String> gridPaths) {
        JsonNode ps = r.get("parameters");
        if (!ps.isObject() || ps.size() == 0) {
            throw r.fail("parameters", "must be a mapping of chip paths to {min, max[, integer, log]} or {choice: [...]}");
        }
        List<RandomParameter> out = new ArrayList<>();
        Iterator<String> it = ps.fieldNames();
        while (it.hasNext()) {
            String path = it.next();
            if (gridPaths.contains(path)) {
                throw r.fail("parameters." + path, "is also a grid parameter; vary a path in one place only");
            }
            if (ChipEditor.SEED.equals(path)) {
                throw r.fail("parameters.seed", "the seed can be varied by the grid only (grid: {seed: [1, 2, 3]})");
            }
            SweepReader p = new SweepReader(r.file(), "random.parameters." + path, ps.get(path),
                    Set.of("min", "max", "integer", "log", "choice"));
            out.add(randomParameter(path, p));
        }
        return out;
    }

    private static RandomParameter randomParameter(String path, SweepReader p) {
        if (p.has("choice")) {
            JsonNode c = p.get("choice");
            if (p.has("min") || p.has("max") || p.has("integer") || p.has("log")) {
                throw p.fail("choice", "give either choice: [...] or min/max, not both");
            }
            if (!c.isArray() || c.size() == 0) {
                throw p.fail("choice", "must be a non-empty list of values");
            }
            List<JsonNode> values = new ArrayList<>();
            c.forEach(values::add);
            return new RandomParameter(path, 0, 0, false, false, List.copyOf(values));
        }
        double min = p.number("min");
        double max = p.number("max");
        boolean log = p.bool("log", false);
        if (!(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw p.fail("max", max + " is below min " + min + "; valid is max >= min");
        }
        if (log && min <= 0) {
            throw p.fail("min", min + " is not valid with log: true; valid is min > 0");
        }
        boolean integer = p.bool("integer", false);
        if (integer && Math.floor(max) < Math.ceil(min)) {
            throw p.fail("max", "no whole number lies in " + min + ".." + max);
        }
        return new RandomParameter(path, min, max, integer, log, null);
    }

    private static List<String> metrics(SweepReader top) {
        if (!top.has("metrics")) {
            return SweepSpec.METRICS;
        }
        JsonNode m = top.get("metrics");
        if (!m.isArray() || m.size() == 0) {
            throw top.fail("metrics", "must be a non-empty list of " + String.join(", ", SweepSpec.METRICS));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : m) {
            if (!SweepSpec.METRICS.contains(x.asText())) {
                throw top.fail("metrics", "'" + x.asText() + "' is not a metric; valid are "
                        + String.join(", ", SweepSpec.METRICS));
            }
            if (!out.contains(x.asText())) {
                out.add(x.asText());
            }
        }
        return List.copyOf(out);
    }
}
