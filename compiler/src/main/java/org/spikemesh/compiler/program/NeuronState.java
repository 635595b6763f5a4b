package org.spikemesh.compiler.program;

/**
 * Initial state and parameters of the LIF neurons of one core in Lava's bit-accurate fixed point: the decay
 * factors are {@code 4096 - du - 1} for u and {@code 4096 - dv} for v, bias is {@code bias_mant << bias_exp},
 * threshold is {@code vth << 6}.
 *
 * @param u current
 * @param v voltage
 * @param factorU decay factor of u
 * @param factorV decay factor of v
 * @param bias bias
 * @param vth scaled threshold
 * @param uniform true when all parameters are equal across the core
 */
public record NeuronState(int[] u, int[] v, int[] factorU, int[] factorV, int[] bias, int[] vth, boolean uniform) {
}
