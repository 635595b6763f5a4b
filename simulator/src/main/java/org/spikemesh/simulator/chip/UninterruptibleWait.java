package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait for another shard's batch that an interrupt of the waiting thread does not end: the wait goes on and the
 * thread's interrupt flag is set again once the batch is there. The blocking strategies the engine uses with more
 * threads than processors threw {@link InterruptedException} on an interrupt of the caller's thread, which failed the
 * engine for good, while the spinning ones (and the reference backend) let the run go on: whether an interrupt ended a
 * run depended on the thread count. A run ends by {@code close()}, a failure or a stalled shard, never by an interrupt.
 */
final class UninterruptibleWait implements WaitStrategy {
    private final WaitStrategy inner;

    /**
     * @param inner the strategy that waits
     */
    UninterruptibleWait(WaitStrategy inner) {
        this.inner = inner;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, TimeoutException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return inner.waitFor(sequence, cursor, dependentSequence, barrier);
                } catch (InterruptedException e) {
                    // the flag is clear now: the next wait blocks again
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        inner.signalAllWhenBlocking();
    }
}
