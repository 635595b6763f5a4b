/**
 * Canonical networks used by benchmarks, examples and tests (e.g. the CUBA benchmark of Brette et al. 2007 in
 * Loihi fixed point).
 */
package org.spikemesh.process.nets;
