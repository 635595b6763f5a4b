package org.spikemesh.simulator.chip;

/** A partitioned run cannot go on: a partition was lost, failed, did not join, or runs a different program. */
public final class PartitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the partition */
    public PartitionException(String message) {
        super(message);
    }
}
