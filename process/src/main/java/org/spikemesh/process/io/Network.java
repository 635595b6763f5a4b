package org.spikemesh.process.io;

import java.util.List;
import org.spikemesh.process.Connection;
import org.spikemesh.process.Process;
import org.spikemesh.process.ProcessGraph;

/**
 * A network as written in a file: its top-level processes (hierarchical ones kept whole) and the connections between
 * them, in file order.
 *
 * @param processes top-level processes
 * @param connections top-level connections as declared
 * @param source the file it came from, or null
 */
public record Network(List<Process> processes, List<Connection> connections, String source) {
    /** @return the flattened graph */
    public ProcessGraph graph() {
        return ProcessGraph.of(processes, source);
    }
}
