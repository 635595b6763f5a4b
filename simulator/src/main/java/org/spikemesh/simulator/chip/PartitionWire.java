package org.spikemesh.simulator.chip;

import org.agrona.DirectBuffer;

/**
 * Carries the messages of a partitioned run between its partitions (one per process): spike batches, per-step
 * partial counts, control. Messages from one sender arrive in the order sent. The engine's {@link PartitionBridge}
 * is the only caller, from one thread. The Aeron implementation lives in the cluster module.
 */
public interface PartitionWire extends AutoCloseable {
    /**
     * Sends one message to a partition.
     *
     * @param partition destination partition
     * @param buffer message bytes
     * @param offset first byte
     * @param length bytes
     * @return true when it was taken; false when the transport is not ready or pushes back (send it again later)
     */
    boolean offer(int partition, DirectBuffer buffer, int offset, int length);

    /**
     * Hands received messages to a handler.
     *
     * @param handler called once per whole message
     * @param limit at most this many messages
     * @return messages handled
     */
    int poll(Handler handler, int limit);

    /** @return the largest message this wire carries, in bytes */
    int maxMessageLength();

    @Override
    void close();

    /**
     * What this wire knows of the process of a partition, for a message about a partition that did not join: e.g.
     * that the coordinator started it and it is alive but stopped.
     *
     * @param partition a partition
     * @return one clause, or null when the wire knows nothing of it (the partition was started elsewhere)
     */
    default String processOf(int partition) {
        return null;
    }

    /** Receives whole messages, and news of senders the transport lost. */
    interface Handler {
        /**
         * @param buffer message bytes
         * @param offset first byte
         * @param length bytes
         */
        void onMessage(DirectBuffer buffer, int offset, int length);

        /**
         * The transport lost a sender (its stream went away); whether that ends the run is the caller's decision.
         *
         * @param partition the sender
         * @param why what the transport saw
         */
        void onLost(int partition, String why);
    }
}
