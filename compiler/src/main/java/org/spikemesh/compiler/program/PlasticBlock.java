package org.spikemesh.compiler.program;

import org.spikemesh.process.lib.LearningSynapses;

/**
 * The plastic synapses of one learning process held by one core: its synapses onto the outputs
 * {@code postOffset .. postOffset + posts - 1}, which are the core's neurons. Input i arrives on axon
 * {@code axonOfPre[i]} of the core (-1 when it has no synapse here), whose synapses are input i's synapses onto this
 * core in the order of the process's table (by output), so the k-th of them is entry
 * {@code axonStart[axonOfPre[i]] + k} of the core's synapse memory.
 *
 * @param process the learning process
 * @param core the core's index in the program
 * @param postOffset first output held here
 * @param posts outputs held here
 * @param axonOfPre axon of each input at this core, or -1
 * @param preCore per input, the program core of its source neuron
 * @param preLocal per input, its neuron index within that core
 */
public record PlasticBlock(LearningSynapses process, int core, int postOffset, int posts, int[] axonOfPre, int[] preCore,
                           int[] preLocal) {
}
