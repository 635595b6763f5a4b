/**
 * NIR import (the Neuromorphic Intermediate Representation, neuromorphs/NIR): {@link org.spikemesh.process.nir.NirReader}
 * reads a NIR HDF5 file into a {@link org.spikemesh.process.nir.NirGraph}, and
 * {@link org.spikemesh.process.nir.NirImporter} discretises it with a time step and converts it into float_pt
 * processes (spike inputs, Dense and Sparse synapses, {@link org.spikemesh.process.lib.CubaNeuron}s). docs/nir.md
 * lists the node types and the formulas.
 */
package org.spikemesh.process.nir;
