/**
 * On-chip learning rules as Lava and Loihi write them: sum-of-products equations for the synaptic weight
 * ({@code dw}), delay tag ({@code dd}) and tag ({@code dt}) over the dependencies x0, y0, u and the traces x1, x2, y1,
 * y2, y3; their parser, with the column of the first error; trace parameters and learning epochs; and the library
 * rules (pair STDP, triplet STDP, reward-modulated STDP) built as such equations. The arithmetic that applies them
 * lives with the backends.
 */
package org.spikemesh.process.learning;
