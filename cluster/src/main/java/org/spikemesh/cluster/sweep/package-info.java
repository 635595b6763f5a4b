/**
 * Sweeps: a sweep file (spikemesh-sweep/1) names a network, a base chip and the chip parameters to vary; each point
 * of the sweep is a pure function of its chip configuration and seed, run by {@link org.spikemesh.cluster.sweep.PointEvaluator},
 * and its result is one JSON line of the results file.
 */
package org.spikemesh.cluster.sweep;
