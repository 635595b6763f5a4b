package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.io.AtomicFile;

/**
 * The results file of a sweep (JSON lines, one per point). Lines already there count as done (resume); new results
 * are appended one whole line per write as they arrive, so a crash loses at most the line being written (dropped on
 * the next open); {@link #finish()} rewrites the file atomically, sorted by point.
 */
public final class SweepResults implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, JsonNode> byKey = new LinkedHashMap<>();
    private Writer appender;

    private SweepResults(Path file) {
        this.file = file;
    }

    /**
     * Opens (or starts) a results file; a last line cut short by a crash is dropped, any other damage is an error.
     *
     * @param file the JSONL file
     * @return the results so far
     * @throws IOException when it cannot be read or repaired
     */
    public static SweepResults open(Path file) throws IOException {
        SweepResults r = new SweepResults(file);
        if (!Files.exists(file)) {
            return r;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        boolean cut = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode n = parse(lines[i]);
            boolean last = i == lines.length - 1;
            if (n == null && last) {
                cut = true;
            } else if (n == null || !n.has("key") || !n.has("point")) {
                throw new SweepException(file + ":" + (i + 1) + ": not a sweep result line (JSON with point and key);"
                        + " give another --out or remove the file");
            } else {
                r.byKey.put(n.get("key").asText(), n);
            }
        }
        if (cut || !text.isEmpty() && !text.endsWith("\n")) {
            AtomicFile.writeString(file, r.text());
        }
        return r;
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * @param key a point's key
     * @return true when its result is in the file
     */
    public boolean done(String key) {
        return byKey.containsKey(key);
    }

    /** @return the keys of the results, in the order they were read or added */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(byKey.keySet());
    }

    /** @return the number of results */
    public int size() {
        return byKey.size();
    }

    /**
     * Records a result and appends its line to the file at once (a repeated key is ignored: each point once).
     *
     * @param line a result line from {@link PointEvaluator}
     */
    public void add(String line) {
        JsonNode n = parse(line);
        if (n == null || byKey.containsKey(n.get("key").asText())) {
            return;
        }
        byKey.put(n.get("key").asText(), n);
        try {
            if (appender == null) {
                // its directories, if they are not there yet (the command checked that they can be made)
                Files.createDirectories(file.toAbsolutePath().getParent());
                appender = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            appender.write(line + "\n");
            appender.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append a result: " + e.getMessage(), e);
        }
    }

    /** @return every result, sorted by point */
    public List<JsonNode> all() {
        List<JsonNode> l = new ArrayList<>(byKey.values());
        l.sort(Comparator.comparingInt((JsonNode n) -> n.get("point").asInt()).thenComparing(n -> n.get("key").asText()));
        return l;
    }

    private String text() {
        StringBuilder s = new StringBuilder();
        for (JsonNode n : all()) {
            s.append(n).append('\n');
        }
        return s.toString();
    }

    /**
     * Rewrites the file atomically with every result sorted by point, and writes the CSV beside it.
     *
     * @param csv the CSV file
     * @throws IOException when a file cannot be written
     */
    public void finish(Path csv) throws IOException {
        close();
        AtomicFile.writeString(file, text());
        AtomicFile.writeString(csv, ResultsCsv.render(all()));
    }

    @Override
    public void close() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }
}
