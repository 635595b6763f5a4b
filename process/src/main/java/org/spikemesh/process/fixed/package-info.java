/**
 * Loihi's fixed-point arithmetic as Lava's bit-accurate models do it: weight clipping and truncation by sign mode,
 * the weight exponent, 12-bit decays rounding toward zero, 24-bit wrap of u and clipping of v. Shared by every
 * backend so that they agree bit for bit.
 */
package org.spikemesh.process.fixed;
