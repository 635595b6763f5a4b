package org.spikemesh.chip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Strict reading of one YAML mapping of a chip file: every field known, present, of the right kind and range. */
final class ChipReader {
    private final String file;
    private final String path;
    private final JsonNode node;

    ChipReader(String file, String path, JsonNode node, Set<String> fields) {
        this.file = file;
        this.path = path;
        if (node == null || !node.isObject()) {
            throw fail(path.isEmpty() ? "(top level)" : path, "must be a mapping of fields " + fields);
        }
        this.node = node;
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw fail(at(f), "unknown field '" + f + "'; valid fields here are " + String.join(", ", fields));
            }
        }
    }

    String file() {
        return file;
    }

    ChipConfigException fail(String where, String problem) {
        return new ChipConfigException(file + ": " + where + ": " + problem);
    }

    String at(String f) {
        return path.isEmpty() ? f : path + "." + f;
    }

    JsonNode get(String f) {
        JsonNode n = node.get(f);
        if (n == null || n.isNull()) {
            throw fail(at(f), "is missing");
        }
        return n;
    }

    /**
     * @param f a field
     * @return whether it is present and not null
     */
    boolean has(String f) {
        JsonNode n = node.get(f);
        return n != null && !n.isNull();
    }

    ChipReader child(String f, Set<String> fields) {
        return new ChipReader(file, at(f), get(f), fields);
    }

    String text(String f) {
        JsonNode n = get(f);
        if (!n.isValueNode()) {
            throw fail(at(f), "must be a text");
        }
        return n.asText();
    }

    double number(String f, double lo, double hi, String unit) {
        JsonNode n = get(f);
        double d;
        if (n.isNumber()) {
            d = n.asDouble();
        } else {
            throw fail(at(f), "'" + n.asText() + "' is not a number in " + unit + " (write the number only; the unit is "
                    + unit + ")");
        }
        if (!(d >= lo && d <= hi)) {
            throw fail(at(f), fmt(d) + " is out of range; valid is " + fmt(lo) + ".." + fmt(hi) + " " + unit);
        }
        return d;
    }

    long integer(String f, long lo, long hi, String unit) {
        double d = number(f, lo, hi, unit);
        if (d != Math.rint(d)) {
            throw fail(at(f), fmt(d) + " is not a whole number of " + unit);
        }
        return (long) d;
    }

    boolean bool(String f) {
        JsonNode n = get(f);
        if (!n.isBoolean()) {
            throw fail(at(f), "must be true or false");
        }
        return n.asBoolean();
    }

    List<String> texts(String f, Set<String> valid) {
        JsonNode n = get(f);
        if (!n.isArray() || n.size() == 0) {
            throw fail(at(f), "must be a non-empty list of " + valid);
        }
        List<String> r = new ArrayList<>();
        for (JsonNode x : n) {
            if (!valid.contains(x.asText())) {
                throw fail(at(f), "'" + x.asText() + "' is not valid; valid are " + valid);
            }
            r.add(x.asText());
        }
        return r;
    }

    Cost cost(String f) {
        ChipReader c = child(f, Set.of("energy_pj", "time_ns"));
        return new Cost(c.number("energy_pj", 0, 1e12, "pJ"), c.number("time_ns", 0, 1e12, "ns"));
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
