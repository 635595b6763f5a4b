package org.spikemesh.process.nir;

/**
 * A NIR file as read: where it came from, the NIR version that wrote it and its top-level graph.
 *
 * @param source the file name, for messages
 * @param version the file's {@code /version}, or null when absent
 * @param graph the top-level graph
 */
public record NirFile(String source, String version, NirGraph graph) {
}
