package org.spikemesh.compiler.program;

import org.spikemesh.process.lib.LearningDense;

/**
 * The plastic synapses of one learning process held by one core: every input of the process to the outputs
 * {@code postOffset .. postOffset + posts - 1}, which are the core's neurons. Input i arrives on axon
 * {@code axonOfPre[i]} of the core, whose synapses are the posts in order, so synapse (i, q) is entry
 * {@code axonStart[axonOfPre[i]] + q} of the core's synapse memory.
 *
 * @param process the learning process
 * @param core the core's index in the program
 * @param postOffset first output held here
 * @param posts outputs held here
 * @param axonOfPre axon of each input at this core
 * @param preCore per input, the program core of its source neuron
 * @param preLocal per input, its neuron index within that core
 */
public record PlasticBlock(LearningDense process, int core, int postOffset, int posts, int[] axonOfPre, int[] preCore,
                           int[] preLocal) {
}
