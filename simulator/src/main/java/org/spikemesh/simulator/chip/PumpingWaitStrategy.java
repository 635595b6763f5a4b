package org.spikemesh.simulator.chip;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Waits for a batch that another partition sends by running the partition bridge's duty cycle meanwhile: the
 * waiting shard itself polls the transport and publishes what arrived, so a batch reaches it without waking another
 * thread. Yields between idle cycles (several processes share the machine's cores), and parks for 20 us between
 * cycles once it has yielded a thousand times in a row (more processes than cores). Gives up with a
 * {@link TimeoutException} after the stall limit.
 */
final class PumpingWaitStrategy implements WaitStrategy {
    private static final int PARK_AFTER = 1000;
    private static final long PARK_NANOS = 20_000;
    private static final int SPINS = 50;
    private final IntSupplier pump;
    private final long timeoutNanos;

    /**
     * @param pump one bridge duty cycle, returning the messages moved
     * @param timeoutNanos how long to wait before the stall is an error
     */
    PumpingWaitStrategy(IntSupplier pump, long timeoutNanos) {
        this.pump = pump;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException, TimeoutException {
        long available;
        long deadline = 0;
        int idle = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (pump.getAsInt() > 0) {
                idle = 0;
                continue;
            }
            if (++idle < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (idle < PARK_AFTER) {
                Thread.yield();
            } else {
                // more processes than cores: let the one that must send run
                LockSupport.parkNanos(PARK_NANOS);
            }
            if ((idle & 255) == 0) {
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + timeoutNanos;
                } else if (now > deadline) {
                    throw TimeoutException.INSTANCE;
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // waiters poll; nobody blocks
    }
}
