/**
 * NIR (the Neuromorphic Intermediate Representation, neuromorphs/NIR) in and out.
 * <ul>
 *   <li>Import: {@link org.spikemesh.process.nir.NirReader} reads a NIR HDF5 file into a
 *       {@link org.spikemesh.process.nir.NirGraph}, and {@link org.spikemesh.process.nir.NirImporter} discretises it
 *       with a time step and converts it into float_pt processes (spike inputs, Dense and Sparse synapses,
 *       {@link org.spikemesh.process.lib.CubaNeuron}s); {@link org.spikemesh.process.nir.NirChipCheck} says which
 *       time constants a fixed-point chip cannot represent.</li>
 *   <li>Export: {@link org.spikemesh.process.nir.NirExporter} turns a process graph into a NIR graph that imports
 *       back to the same network, and {@link org.spikemesh.process.nir.NirWriter} writes it as NIR HDF5.</li>
 *   <li>Data: {@link org.spikemesh.process.nir.NirDataReader} and {@link org.spikemesh.process.nir.NirDataWriter}
 *       read and write spikes as NIRGraphData.</li>
 * </ul>
 * docs/nir.md lists the node types, the formulas and the file layouts.
 */
package org.spikemesh.process.nir;
