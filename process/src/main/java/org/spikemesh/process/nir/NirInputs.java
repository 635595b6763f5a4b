package org.spikemesh.process.nir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.io.IoErrors;

/**
 * Reads the input spikes of a NIR run from CSV with the header {@code step,input,index}: one spike per line, at
 * {@code step} (1-based: the step at which the Input node emits it, as a SpikeInput's steps), of the Input node
 * named {@code input} (its name in the NIR file), at the flat row-major {@code index} of that node's shape.
 */
public final class NirInputs {
    /** The header every input file starts with. */
    public static final String HEADER = "step,input,index";

    private NirInputs() {
    }

    /**
     * @param path the CSV file
     * @return Input node -&gt; index -&gt; steps
     * @throws ModelException naming the file and line
     */
    public static Map<String, Map<Integer, int[]>> load(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(path + ": file not found");
        } catch (IOException e) {
            throw new ModelException(path + ": cannot read: " + IoErrors.reason(e));
        }
        return parse(lines, path.toString());
    }

    /**
     * @param lines the file's lines
     * @param source the name for messages
     * @return Input node -&gt; index -&gt; steps, ascending
     */
    public static Map<String, Map<Integer, int[]>> parse(List<String> lines, String source) {
        if (lines.isEmpty() || !HEADER.equals(lines.get(0).strip())) {
            throw new ModelException(source + ":1: the header must be '" + HEADER + "'");
        }
        Map<String, TreeMap<Integer, List<Integer>>> by = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String at = source + ":" + (ln + 1) + ": ";
            if (f.length != 3) {
                throw new ModelException(at + "expected 3 fields step,input,index, got " + f.length);
            }
            int step = integer(f[0], at, "step");
            String input = f[1].strip();
            int index = integer(f[2], at, "index");
            if (step < 1) {
                throw new ModelException(at + "step " + step + " is invalid; steps start at 1");
            }
            if (index < 0) {
                throw new ModelException(at + "index " + index + " is negative");
            }
            if (input.isEmpty()) {
                throw new ModelException(at + "the input name is empty; name the NIR Input node, e.g. 'input'");
            }
            if (!seen.add(input + "," + index + "," + step)) {
                throw new ModelException(at + "spike of '" + input + "' index " + index + " at step " + step + " is given twice");
            }
            by.computeIfAbsent(input, k -> new TreeMap<>()).computeIfAbsent(index, k -> new ArrayList<>()).add(step);
        }
        Map<String, Map<Integer, int[]>> r = new LinkedHashMap<>();
        by.forEach((input, m) -> {
            Map<Integer, int[]> steps = new TreeMap<>();
            m.forEach((i, s) -> steps.put(i, s.stream().mapToInt(Integer::intValue).sorted().toArray()));
            r.put(input, steps);
        });
        return r;
    }

    private static int integer(String s, String at, String field) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new ModelException(at + field + " '" + s.strip() + "' is not an integer");
        }
    }
}
