package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes the steps of a {@link ChipEngine} into its {@link Accounts}, in order, once every shard has completed them:
 * the sums of the shards' partials of a step become that step's time, energy and link loads. Any thread may close, one
 * at a time: the caller of {@link ChipEngine#run} a few steps back ({@link #closeFromRun}), or a shard that would
 * otherwise wait for another's batch ({@link #closeWhileWaiting}); the accounts are the same whichever thread closes.
 */
final class StepCloser {
    /** Waits until the partials of step t of the shards in other partitions have come (a split run's coordinator). */
    interface RemoteSteps {
        void await(int t) throws AlertException;
    }

    private final Accounts accounts;
    /** every shard of the run by number; null for shards in other partitions. */
    private final Shard[] shards;
    /** the coordinator's stand-ins for shards in other partitions (null for local ones). */
    private final RemoteShard[] remote;
    /** this process's shards. */
    private final Shard[] local;
    /** throws the run's failure, if any: checked while waiting for the closing. */
    private final Runnable rethrow;
    /**
     * What {@link #partialsOf} returns, one array for the run. Arrays the hot paths fill are made when the engine is,
     * not on their first use: a branch taken only in an engine's first steps is one C2 leaves out of the code it
     * compiles (it saw the branch only before it profiled), and every new engine in the same process then threw the
     * step's closing methods back to the interpreter and recompiled them (4 000 neurons on 2 threads: the second
     * engine's first 10 000 steps at 14-16 us a step against 2 us).
     */
    private final StepPartial[] stepPartials;
    /** the partials of other partitions, awaited before a step closes; null in a single-process run. */
    private RemoteSteps remoteSteps;
    /** last step whose accounts are closed; written under {@link #closing}. */
    private volatile int closedThrough;
    /** held by the thread closing steps. */
    private final AtomicBoolean closing = new AtomicBoolean();

    StepCloser(Accounts accounts, Shard[] shards, RemoteShard[] remote, Shard[] local, Runnable rethrow) {
        this.accounts = accounts;
        this.shards = shards;
        this.remote = remote;
        this.local = local;
        this.rethrow = rethrow;
        this.stepPartials = new StepPartial[shards.length];
    }

    /** Makes every close wait first for the partials of the shards in other partitions. */
    void awaitRemote(RemoteSteps steps) {
        this.remoteSteps = steps;
    }

    /** @return the last step whose accounts are closed */
    int closedThrough() {
        return closedThrough;
    }

    /** The partials of step t of every shard, local or (coordinator) remote, in shard order. */
    private StepPartial[] partialsOf(int t) {
        for (int k = 0; k < shards.length; k++) {
            stepPartials[k] = shards[k] != null ? shards[k].partials[t & 3] : remote[k].partials[t & 3];
        }
        return stepPartials;
    }

    /**
     * A shard's duty while it waits for another shard's batch of step t: closes the steps every local shard has
     * completed (their partials are then final; partials rotate over four steps, and {@link ChipEngine#run} closes
     * each step at the latest two steps later), so that the accounts are kept by whichever thread would otherwise wait
     * instead of delaying shard 0 between its exchanges. Returns at once when another thread is closing. Not in a
     * split run, whose remote partials arrive on their own time.
     */
    void closeWhileWaiting(int t) throws AlertException {
        if (closedThrough >= t - 1 || !closing.compareAndSet(false, true)) {
            return;
        }
        try {
            int done = Integer.MAX_VALUE;
            for (Shard s : local) {
                done = Math.min(done, s.completed);
            }
            while (closedThrough < done) {
                closeStep(closedThrough + 1);
            }
        } finally {
            closing.set(false);
        }
    }

    /**
     * Closes every step up to t from the caller of {@link ChipEngine#run}, waiting for a shard that is closing to
     * finish first; the caller's thread runs the first shard, whose phases count these closes too.
     */
    void closeFromRun(int t) throws AlertException {
        ShardPhases ph = local.length > 0 ? local[0].phases : null;
        long start = ph == null ? 0 : System.nanoTime();
        while (!closing.compareAndSet(false, true)) {
            rethrow.run();
            Thread.onSpinWait();
        }
        try {
            while (closedThrough < t) {
                closeStep(closedThrough + 1);
            }
        } finally {
            closing.set(false);
            if (ph != null) {
                ph.add(ShardPhases.CLOSE_STEPS, System.nanoTime() - start);
            }
        }
    }

    private void closeStep(int t) throws AlertException {
        if (remoteSteps != null) {
            remoteSteps.await(t);
        }
        accounts.close(t, partialsOf(t));
        closedThrough = t;
    }
}
