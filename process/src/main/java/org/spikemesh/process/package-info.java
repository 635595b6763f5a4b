/**
 * The Lava-style process model: {@link org.spikemesh.process.Process}, {@link org.spikemesh.process.Var},
 * ports ({@link org.spikemesh.process.OutPort}, {@link org.spikemesh.process.InPort},
 * {@link org.spikemesh.process.RefPort}, {@link org.spikemesh.process.VarPort}), hierarchical processes and the
 * flattened {@link org.spikemesh.process.ProcessGraph} that backends and the compiler consume.
 * Knows nothing about chips or threads.
 */
package org.spikemesh.process;
