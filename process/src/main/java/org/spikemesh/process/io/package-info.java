/**
 * The network file format {@code spikemesh-network/1} (YAML with Lava's names): loading with precise errors,
 * saving in a canonical form that loads back to the same network, and side files for large matrices
 * (CSV and NumPy {@code .npy}).
 */
package org.spikemesh.process.io;
