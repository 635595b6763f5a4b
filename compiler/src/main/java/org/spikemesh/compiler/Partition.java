package org.spikemesh.compiler;

import java.util.List;

/**
 * The result of partitioning: blocks in population order and the traffic between them.
 *
 * @param blocks all blocks; those of population p are {@code firstBlock[p] .. firstBlock[p+1]-1}
 * @param blockSize neurons per block for each population (the last block may hold fewer)
 * @param firstBlock first block of each population, plus the total at the end
 * @param limitedBy for each population, the core limit that set its block size
 * @param traffic expected messages per step between blocks
 */
public record Partition(List<Block> blocks, int[] blockSize, int[] firstBlock, String[] limitedBy, Traffic traffic) {
    /**
     * @param population population id
     * @param neuron neuron index in it
     * @return the block holding it
     */
    public int blockOf(int population, int neuron) {
        return firstBlock[population] + neuron / blockSize[population];
    }

    /**
     * @return the same blocks without the traffic between them (which the placement read and a streamed program's
     *         emitter does not: at 1 000 000 neurons of CUBA it holds about 1 byte per synapse)
     */
    public Partition withoutTraffic() {
        return new Partition(blocks, blockSize, firstBlock, limitedBy, null);
    }
}
