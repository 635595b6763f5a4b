package org.spikemesh.cluster.sweep;

import java.util.List;
import java.util.function.BiConsumer;

/** Runs the points of a sweep somewhere and hands each result back on the calling thread. */
public interface PointRunner extends AutoCloseable {
    /**
     * Runs every job once and returns when all are done; the first failure (other than a member leaving, whose
     * points are run again elsewhere) is thrown.
     *
     * @param jobs the points to run
     * @param sink receives each job with its result line, on the calling thread, once per job
     */
    void run(List<PointJob> jobs, BiConsumer<PointJob, String> sink);

    @Override
    void close();
}
