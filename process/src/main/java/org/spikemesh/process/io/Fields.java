package org.spikemesh.process.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spikemesh.process.ModelException;

/**
 * Reads the fields of one YAML mapping, remembering which were used so that unknown ones are reported by name with
 * the list of valid ones. Every error names the process and the field.
 */
final class Fields {
    private final JsonNode node;
    private final String where;
    private final Set<String> used = new LinkedHashSet<>();

    Fields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ModelException(where + ": expected a mapping of fields, got " + describe(node));
        }
        this.node = node;
        this.where = where;
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        return "'" + n.asText() + "'";
    }

    ModelException error(String field, String problem) {
        return new ModelException(where + ", field '" + field + "': " + problem);
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonNode raw(String field) {
        used.add(field);
        return node.get(field);
    }

    JsonNode required(String field) {
        used.add(field);
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw error(field, "is missing");
        }
        return n;
    }

    String string(String field) {
        JsonNode n = required(field);
        if (!n.isValueNode()) {
            throw error(field, "must be a text, got " + describe(n));
        }
        return n.asText();
    }

    String string(String field, String dflt) {
        return has(field) ? string(field) : mark(field, dflt);
    }

    private <T> T mark(String field, T dflt) {
        used.add(field);
        return dflt;
    }

    double number(JsonNode n, String field) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                throw error(field, "'" + n.asText() + "' is not a number");
            }
        }
        throw error(field, "must be a number, got " + describe(n));
    }

    int integer(JsonNode n, String field) {
        double d = number(n, field);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw error(field, d + " is not an integer");
        }
        return (int) d;
    }

    int integer(String field, int dflt) {
        return has(field) ? integer(required(field), field) : mark(field, dflt);
    }

    Long optionalLong(String field) {
        if (!has(field)) {
            used.add(field);
            return null;
        }
        double d = number(required(field), field);
        if (d != Math.rint(d)) {
            throw error(field, d + " is not an integer");
        }
        return (long) d;
    }

    /** A scalar or a list of numbers (nested lists are flattened row-major). */
    double[] numbers(String field, double[] dflt) {
        if (!has(field)) {
            used.add(field);
            return dflt;
        }
        JsonNode n = required(field);
        List<Double> out = new ArrayList<>();
        flatten(n, field, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private void flatten(JsonNode n, String field, List<Double> out) {
        if (n.isArray()) {
            for (JsonNode c : n) {
                flatten(c, field, out);
            }
        } else {
            out.add(number(n, field));
        }
    }

    int[] ints(String field) {
        JsonNode n = required(field);
        if (!n.isArray()) {
            throw error(field, "must be a list of integers, got " + describe(n));
        }
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = integer(n.get(i), field);
        }
        return r;
    }

    double[][] matrix(String field) {
        JsonNode n = required(field);
        if (!n.isArray() || n.size() == 0) {
            throw error(field, "must be a non-empty list of rows [[...], [...]] (shape [out][in])");
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = n.get(i);
            if (!row.isArray()) {
                throw error(field, "row " + i + " is not a list; give [out][in] rows");
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = number(row.get(j), field);
            }
            if (m[i].length != m[0].length) {
                throw error(field, "row " + i + " has " + m[i].length + " values, row 0 has " + m[0].length);
            }
        }
        return m;
    }

    /** Reports fields that were never read. */
    void done(Iterable<String> valid) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!used.contains(f)) {
                throw new ModelException(where + ": unknown field '" + f + "'; valid fields are " + String.join(", ", valid));
            }
        }
    }

    Set<String> used() {
        return used;
    }
}
