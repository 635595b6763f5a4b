/**
 * The run API in the Lava spirit: {@link org.spikemesh.simulator.Simulation} runs a process graph for N steps or
 * continuously, pauses, resumes, stops, and reads and writes Vars between runs; {@link org.spikemesh.simulator.Monitor}
 * records Vars and spikes. Backends (the reference backend, the chip engine) implement
 * {@link org.spikemesh.simulator.Backend}.
 */
package org.spikemesh.simulator;
