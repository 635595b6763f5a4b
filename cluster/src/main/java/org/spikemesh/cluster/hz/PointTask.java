package org.spikemesh.cluster.hz;

import java.io.Serializable;
import java.util.concurrent.Callable;
import org.spikemesh.cluster.sweep.PointEvaluator;
import org.spikemesh.cluster.sweep.PointJob;

/** A point sent to a member: the job's canonical JSON in, the result line out. */
final class PointTask implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String job;

    PointTask(String job) {
        this.job = job;
    }

    @Override
    public String call() {
        return PointEvaluator.evaluate(PointJob.parse(job));
    }
}
