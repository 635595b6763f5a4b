/**
 * The reference backend: runs the flattened process graph directly on one thread, bit-exact with Lava's fixed-point
 * models and as Lava's floating-point models. It is the ground truth the chip engine is checked against.
 */
package org.spikemesh.simulator.reference;
