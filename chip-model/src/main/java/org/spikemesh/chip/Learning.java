package org.spikemesh.chip;

/**
 * On-chip learning.
 *
 * @param epochSteps steps per learning epoch
 * @param traceBits bits of a synaptic trace
 * @param update one synaptic update
 */
public record Learning(int epochSteps, int traceBits, Cost update) {
}
