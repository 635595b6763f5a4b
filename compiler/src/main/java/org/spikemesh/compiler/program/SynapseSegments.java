package org.spikemesh.compiler.program;

/**
 * The synapses of a program as a simulator reads them to build its own tables: one segment per route (a neuron's
 * message to one axon of a destination core), then that axon's synapses. A program with its arrays reads them from
 * its route tables and synapse memories; a streamed program (compiled without them) emits them again from the
 * network, in the same order and with the same numbers, each time they are read.
 *
 * <p>Order: the segments of one source neuron come in the order of its route entries; each segment's synapses come
 * after its {@link Sink#segment} call and before the next segment of the same destination core, and the first of
 * them comes right after that call (a sink may keep the last segment as its state).
 */
public interface SynapseSegments {
    /**
     * Calls {@code sink} for every segment and synapse of the program.
     *
     * @param sink the receiver
     */
    void forEach(Sink sink);

    /** @return whether the synapses carry delays (the program's synapse memories hold delay arrays) */
    boolean delays();

    /** Receives segments and synapses. */
    interface Sink {
        /**
         * A segment: the message of neuron {@code neuron} of core {@code core} to axon {@code axon} of core
         * {@code dest}, carrying {@code synapses} synapses.
         *
         * @param core program index of the source core
         * @param neuron the neuron in its core
         * @param dest program index of the destination core
         * @param axon the axon at the destination
         * @param lane the axon's lane (0: direct)
         * @param synapses its synapse count (at least 1)
         * @return the place the sink gives the segment's first synapse; the next ones get the places after it
         */
        int segment(int core, int neuron, int dest, int axon, int lane, int synapses);

        /**
         * A synapse of the last segment into {@code dest}.
         *
         * @param dest program index of the destination core
         * @param place the place the sink gave it (the segment's place plus its rank in the segment)
         * @param post target neuron in the destination core
         * @param weight weight as the synapse memory holds it (shifted for lane 0)
         * @param delay delay in steps
         */
        void synapse(int dest, int place, int post, int weight, int delay);
    }
}
