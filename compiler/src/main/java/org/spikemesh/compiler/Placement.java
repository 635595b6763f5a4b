package org.spikemesh.compiler;

/**
 * Where each block sits, and how good that is.
 *
 * @param coreOfBlock global core of each block
 * @param start how the start was built: "greedy" or "sequential" (for networks too large for the greedy scan)
 * @param randomCost traffic x distance of a random placement with the same seed, for comparison
 * @param startCost traffic x distance of the start placement
 * @param finalCost traffic x distance after local search (never more than {@code startCost})
 * @param moves local-search moves tried
 * @param accepted moves accepted
 */
public record Placement(int[] coreOfBlock, String start, double randomCost, double startCost, double finalCost,
                        long moves, long accepted) {
}
