package org.spikemesh.compiler;

/**
 * Expected spike messages per step between blocks, as a symmetric adjacency list (CSR): for each block its
 * neighbours and the expected messages exchanged with each, both directions summed. The placer minimises
 * the sum of messages times hops over it.
 *
 * @param start offsets into {@code to} and {@code weight}, one per block plus one
 * @param to neighbour block
 * @param weight expected messages per step between the two blocks
 * @param directedKeys directed pairs {@code from * blocks + to}, sorted by source
 * @param directedWeight expected messages per step of each directed pair
 * @param keptShare share of the expected traffic kept in this graph (below 1 when a block's lightest destinations
 *                  were dropped to keep the placement graph small)
 */
public record Traffic(int[] start, int[] to, double[] weight, long[] directedKeys, double[] directedWeight,
                      double keptShare) {
    /** @return number of blocks */
    public int blocks() {
        return start.length - 1;
    }
}
