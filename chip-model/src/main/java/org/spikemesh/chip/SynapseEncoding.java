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
 * @param axonTypes 0 when every synapse holds its weight; else the synapses hold none (a dense synapse is one
 *                  connection bit, as in TrueNorth's crossbar): each neuron keeps this many weights of
 *                  {@code weightBits}, one per axon type, and each input axon of a core has one type, so a neuron's
 *                  weight from an axon is its weight for the axon's type
 */
public record SynapseEncoding(int weightBits, int indexBits, int delayBits, int wordBits, List<String> formats,
                              int axonTypes) {
    /** An encoding whose synapses hold their weights (no axon types). */
    public SynapseEncoding(int weightBits, int indexBits, int delayBits, int wordBits, List<String> formats) {
        this(weightBits, indexBits, delayBits, wordBits, formats, 0);
    }

    /**
     * @param format dense (weight and delay for every pre x post position), sparse (weight, index and delay per
     *               synapse) or shared (an index per synapse into a shared weight table)
     * @return bits per stored synapse; with axon types a synapse stores no weight, and a dense one a connection bit
     */
    public int bitsPerSynapse(String format) {
        int weight = axonTypes > 0 ? 0 : weightBits;
        switch (format) {
            case "dense":
                return (axonTypes > 0 ? 1 : weightBits) + delayBits;
            case "sparse":
                return weight + indexBits + delayBits;
            case "shared":
                return indexBits + delayBits;
            default:
                throw new IllegalArgumentException("unknown synapse format '" + format + "': valid are dense, sparse, shared");
        }
    }
}
