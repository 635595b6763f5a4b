package org.spikemesh.simulator.chip;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * A ring from a local shard to a shard in another partition, which the partition bridge drains into the wire.
 *
 * @param from the local shard
 * @param to the shard in the other partition
 * @param ring the ring the local shard publishes to
 * @param consumed the bridge's consumer sequence (the ring's gating sequence)
 */
record OutboundLink(int from, int to, RingBuffer<Batch> ring, Sequence consumed) {
}
