package org.spikemesh.cluster.sweep;

import java.util.List;
import java.util.function.BiConsumer;

/** Runs points one after the other on the calling thread (no cluster): {@code --shard} and the serial reference. */
public final class SerialRunner implements PointRunner {
    @Override
    public void run(List<PointJob> jobs, BiConsumer<PointJob, String> sink) {
        for (PointJob j : jobs) {
            sink.accept(j, evaluate(j));
        }
    }

    static String evaluate(PointJob j) {
        try {
            return PointEvaluator.evaluate(j);
        } catch (RuntimeException e) {
            throw new IllegalStateException("point " + j.index() + " " + j.params() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
