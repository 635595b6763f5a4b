/**
 * The network file format {@code spikemesh-network/1} (YAML with Lava's names): loading with precise errors,
 * saving in a canonical form that loads back to the same network, and side files for large matrices
 * (CSV and NumPy {@code .npy}); and how every module writes a file ({@link org.spikemesh.process.io.AtomicFile}:
 * whole or not at all) and names an I/O error to the user ({@link org.spikemesh.process.io.IoErrors}).
 */
package org.spikemesh.process.io;
