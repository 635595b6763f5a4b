package org.spikemesh.chip;

import java.util.List;

/**
 * How a synapse is stored in a core's synapse memory.
 *
 * @param weightBits bits of a weight
 * @param indexBits bits of a target index (sparse format)
 * @param delayBits bits of a delay
 * @param wordBits bits of one synapse memory word: every format's synapse must fit in it
 * @param formats formats the core offers: dense, sparse, shared
 */
public record SynapseEncoding(int weightBits, int indexBits, int delayBits, int wordBits, List<String> formats) {
    /**
     * @param format dense (weight and delay for every pre x post position), sparse (weight, index and delay per
     *               synapse) or shared (an index per synapse into a shared weight table)
     * @return bits per stored synapse
     */
    public int bitsPerSynapse(String format) {
        switch (format) {
            case "dense":
                return weightBits + delayBits;
            case "sparse":
                return weightBits + indexBits + delayBits;
            case "shared":
                return indexBits + delayBits;
            default:
                throw new IllegalArgumentException("unknown synapse format '" + format + "': valid are dense, sparse, shared");
        }
    }
}
