package org.spikemesh.cluster.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Strict reading of one mapping of a sweep file: every field known, of the right kind and in range. */
final class SweepReader {
    private final String file;
    private final String path;
    private final JsonNode node;

    SweepReader(String file, String path, JsonNode node, Set<String> fields) {
        this.file = file;
        this.path = path;
        if (node == null || !node.isObject()) {
            throw new SweepException(file + ": " + (path.isEmpty() ? "(top level)" : path)
                    + ": must be a mapping of fields " + String.join(", ", new java.util.TreeSet<>(fields)));
        }
        this.node = node;
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw fail(f, "unknown field '" + f + "'; valid fields here are "
                        + String.join(", ", new java.util.TreeSet<>(fields)));
            }
        }
    }

    String file() {
        return file;
    }

    String at(String f) {
        return path.isEmpty() ? f : path + "." + f;
    }

    SweepException fail(String f, String problem) {
        return new SweepException(file + ": " + at(f) + ": " + problem);
    }

    boolean has(String f) {
        JsonNode n = node.get(f);
        return n != null && !n.isNull();
    }

    JsonNode get(String f) {
        if (!has(f)) {
            throw fail(f, "is missing");
        }
        return node.get(f);
    }

    SweepReader child(String f, Set<String> fields) {
        return new SweepReader(file, at(f), get(f), fields);
    }

    String text(String f) {
        JsonNode n = get(f);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw fail(f, "must be a non-empty text");
        }
        return n.asText();
    }

    double number(String f) {
        JsonNode n = get(f);
        if (!n.isNumber()) {
            throw fail(f, "'" + n.asText() + "' is not a number");
        }
        return n.asDouble();
    }

    long integer(String f, long lo, long hi) {
        JsonNode n = get(f);
        if (!n.isIntegralNumber() || n.asLong() < lo || n.asLong() > hi) {
            throw fail(f, "'" + n.asText() + "' is not valid; valid is a whole number in " + lo + ".." + hi);
        }
        return n.asLong();
    }

    boolean bool(String f, boolean absent) {
        if (!has(f)) {
            return absent;
        }
        JsonNode n = get(f);
        if (!n.isBoolean()) {
            throw fail(f, "must be true or false");
        }
        return n.asBoolean();
    }
}
