/**
 * Multi-chip runs across processes: the transport that carries a partitioned chip-engine run's messages over Aeron
 * (IPC between processes of one machine through a shared media driver, UDP between machines), and the launcher
 * that starts, watches and stops the follower processes of a run.
 */
package org.spikemesh.cluster.multichip;
