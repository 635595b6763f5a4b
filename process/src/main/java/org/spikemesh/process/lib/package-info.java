/**
 * The process library: neurons ({@link org.spikemesh.process.lib.LIF}, and the float_pt
 * {@link org.spikemesh.process.lib.CubaNeuron} that NIR graphs import into), synapse groups
 * ({@link org.spikemesh.process.lib.Dense}, {@link org.spikemesh.process.lib.Sparse},
 * {@link org.spikemesh.process.lib.DelayDense}), spike sources ({@link org.spikemesh.process.lib.SpikeInput},
 * {@link org.spikemesh.process.lib.PoissonSource}) and {@link org.spikemesh.process.lib.Composite} for building
 * hierarchical processes. Names and parameters follow Lava.
 */
package org.spikemesh.process.lib;
